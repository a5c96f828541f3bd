package io.zkworkflow.task;

import java.time.Duration;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A result removed by {@code zk-workflow.tasks.retention} is unknown, and the wait says that
 * the retention removed it, on the instance that waited and on a third: three instances with no
 * retention at all.
 */
class TaskResultRetentionTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	@BeforeAll
	static void startInstances() {
		instances = TaskInstances.on(zookeeper).properties("zk-workflow.tasks.retention=0s");
		for (int i = 0; i < 3; i++) {
			instances.start(TaskResultTests.ResultHandlers.class);
		}
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void aResultRemovedByTheRetentionIsUnknownAndTheMessageSaysWhy() {
		TaskClient submitter = instances.get(0).getBean(TaskClient.class);
		TaskClient waiter = instances.get(1).getBean(TaskClient.class);
		TaskId id = submitter.submit("result-void", "gone soon");
		await().atMost(Duration.ofSeconds(60)).until(() -> waiter.status(id).state() == TaskState.UNKNOWN);
		assertThatExceptionOfType(UnknownTaskException.class)
			.isThrownBy(() -> waiter.result(id, String.class, Duration.ofSeconds(30)))
			.withMessageContaining(id.toString())
			.withMessageContaining("removed by the retention")
			.satisfies((ex) -> assertThat(ex.isRemovedByRetention()).isTrue())
			.satisfies((ex) -> assertThat(ex.getTaskId()).isEqualTo(id));
		assertThatExceptionOfType(UnknownTaskException.class)
			.isThrownBy(() -> instances.get(2).getBean(TaskClient.class).result(id, String.class, Duration.ZERO))
			.satisfies((ex) -> assertThat(ex.isRemovedByRetention()).isTrue());
	}

}
