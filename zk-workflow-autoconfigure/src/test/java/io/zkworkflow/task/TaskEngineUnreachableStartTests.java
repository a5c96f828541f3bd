package io.zkworkflow.task;

import java.net.InetAddress;
import java.net.ServerSocket;

import io.zkworkflow.task.internal.TaskEngine;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that serves tasks starts while ZooKeeper is unreachable (fail-fast off, as by
 * default): the application comes up, and the engine starts serving on the first connection.
 * Before, the engine's start failed the context, and the member node it had begun kept
 * recreating itself on the closing client, so the close never returned.
 */
class TaskEngineUnreachableStartTests {

	@Test
	void aWorkerStartedBeforeZooKeeperServesOnceItIsReachable() throws Exception {
		int port = unusedPort();
		try (TestingServer server = new TestingServer(port, false);
				ConfigurableApplicationContext worker = new SpringApplicationBuilder(TaskInstances.Infrastructure.class,
						TaskHandlers.class)
					.web(WebApplicationType.NONE)
					.run("--spring.cloud.zookeeper.connect-string=127.0.0.1:" + port,
							"--spring.cloud.zookeeper.block-until-connected-wait=1",
							"--spring.cloud.zookeeper.session-timeout=4s",
							"--spring.cloud.zookeeper.connection-timeout=2s",
							"--zk-workflow.tasks.coordinator-interval=100ms")) {
			assertThat(worker.getBean(TaskEngine.class).isRunning()).isFalse();
			server.start();
			await().until(() -> worker.getBean(TaskEngine.class).isRunning());
			int before = TaskHandlers.countedRuns.get();
			worker.getBean(TaskClient.class).submit("counted", 1);
			await().until(() -> TaskHandlers.countedRuns.get() == before + 1);
		}
	}

	private static int unusedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
