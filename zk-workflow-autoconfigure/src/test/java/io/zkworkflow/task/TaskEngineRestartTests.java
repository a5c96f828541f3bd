package io.zkworkflow.task;

import io.zkworkflow.task.internal.TaskEngine;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A context stopped and started again, as Spring's test context cache does with contexts it
 * pauses between test classes, serves its tasks again.
 */
class TaskEngineRestartTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = TaskInstances.on(zookeeper);

	@AfterEach
	void closeInstances() {
		this.instances.close();
	}

	@Test
	void aStoppedContextServesTasksOnceStartedAgain() {
		ConfigurableApplicationContext worker = this.instances.start(TaskHandlers.class);
		TaskClient client = worker.getBean(TaskClient.class);
		int before = TaskHandlers.countedRuns.get();
		client.submit("counted", 1);
		await().until(() -> TaskHandlers.countedRuns.get() == before + 1);

		worker.stop();
		assertThat(worker.getBean(TaskEngine.class).isRunning()).isFalse();
		worker.start();

		assertThat(worker.getBean(TaskEngine.class).isRunning()).isTrue();
		client.submit("counted", 2);
		await().until(() -> TaskHandlers.countedRuns.get() == before + 2);
	}

}
