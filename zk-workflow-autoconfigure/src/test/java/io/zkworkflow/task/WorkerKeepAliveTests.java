package io.zkworkflow.task;

import java.util.Optional;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker-only application (no web server) stays up while it serves tasks: the JVM keeps one
 * non-daemon thread of the task engine until the context closes. An application that only
 * submits keeps none, so it exits as any non-web Spring Boot application does.
 */
class WorkerKeepAliveTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = TaskInstances.on(zookeeper);

	@AfterEach
	void closeInstances() {
		this.instances.close();
	}

	@Test
	void aWorkerKeepsTheJvmAliveUntilItsContextCloses() {
		ConfigurableApplicationContext worker = this.instances.start(TaskHandlers.class);
		assertThat(engineThread()).hasValueSatisfying((thread) -> assertThat(thread.isDaemon()).isFalse());
		worker.close();
		await().until(() -> engineThread().isEmpty());
	}

	@Test
	void anApplicationThatOnlySubmitsKeepsNoThreadAlive() {
		this.instances.start(SubmitOnly.class);
		assertThat(engineThread()).hasValueSatisfying((thread) -> assertThat(thread.isDaemon()).isTrue());
	}

	private static Optional<Thread> engineThread() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && thread.getName().startsWith("zk-task-coordinator-"))
			.findFirst();
	}

	@Configuration(proxyBeanMethods = false)
	static class SubmitOnly {

	}

}
