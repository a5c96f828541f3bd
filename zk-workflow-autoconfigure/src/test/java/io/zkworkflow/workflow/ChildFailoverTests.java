package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Child workflows when instances go away: the instance that started the parent and its child
 * stops, and the others still finish the child and complete the parent's step with its result.
 */
class ChildFailoverTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private ZkInstances instances;

	@BeforeEach
	void startInstances() {
		this.instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			this.instances.start(ChildWorkflowTests.OrderWorkflows.class);
		}
	}

	@AfterEach
	void stopInstances() {
		this.instances.close();
	}

	@Test
	void childEndsOnAnotherInstanceAfterTheStarterStopped() {
		WorkflowClient starter = this.instances.get(0).getBean(WorkflowClient.class);
		WorkflowClient survivor = this.instances.get(2).getBean(WorkflowClient.class);
		WorkflowId id = starter.start("slow-order", 1);
		await().until(() -> starter.status(id).step("approval").state() == StepState.RUNNING);
		WorkflowId child = WorkflowId.forKey("approval",
				id.value() + "@" + starter.status(id).startedAt().toEpochMilli() + "/approval");
		await().until(() -> survivor.status(child).step("approved").state() == StepState.RUNNING);
		this.instances.get(0).close();
		assertThat(survivor.signal(child, "approved", "ok")).isEqualTo(SignalDelivery.DELIVERED);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> survivor.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("approval").output().asString()).isEqualTo("ok");
		assertThat(status.step("ship").output().asString()).isEqualTo("shipped ok");
	}

	@Test
	void parentsStartedAtOnceFromThreeInstancesEachStartOneChildPerStep() {
		List<WorkflowId> ids = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			ids.add(this.instances.get(i % 3).getBean(WorkflowClient.class).start("two-charges", i));
		}
		WorkflowClient client = this.instances.get(1).getBean(WorkflowClient.class);
		for (int i = 0; i < ids.size(); i++) {
			WorkflowId id = ids.get(i);
			WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
				.until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
			assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
			assertThat(status.step("deposit").output().asString()).isEqualTo("receipt " + ((i + 1) * 2));
			for (String step : List.of("deposit", "balance")) {
				WorkflowId child = WorkflowId.forKey("charge-order",
						id.value() + "@" + status.startedAt().toEpochMilli() + "/" + step);
				assertThat(ChildWorkflowTests.OrderWorkflows.runs(child, "charge")).as("charges of %s", child)
					.isEqualTo(1);
			}
		}
	}

}
