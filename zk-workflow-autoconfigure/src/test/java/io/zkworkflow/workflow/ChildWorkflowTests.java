package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code thenWorkflow} steps on three instances: the child runs with the step's payload and
 * its result becomes the step's output; its id derives from the parent and the step; a failed
 * or cancelled child fails the step (and the parent compensates); a cancelled parent cancels
 * its child.
 */
class ChildWorkflowTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static WorkflowClient starter;

	private static WorkflowClient other;

	@BeforeAll
	static void startInstances() {
		instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(OrderWorkflows.class);
		}
		starter = instances.get(0).getBean(WorkflowClient.class);
		other = instances.get(2).getBean(WorkflowClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void childRunsWithTheStepPayloadAndItsResultIsTheStepOutput() throws Exception {
		WorkflowId id = starter.start("order", 5);
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("charge-order").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(status.step("charge-order").output().asString()).isEqualTo("receipt 12");
		assertThat(status.step("ship").output().asString()).isEqualTo("shipped receipt 12");
		WorkflowId child = childOf(id, "charge-order");
		assertThat(child).isEqualTo(WorkflowId.forKey("charge-order",
				id.value() + "@" + status.startedAt().toEpochMilli() + "/charge-order"));
		WorkflowStatus childStatus = other.status(child);
		assertThat(childStatus.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(childStatus.input().asInt()).isEqualTo(6);
		assertThat(OrderWorkflows.runs(child, "charge")).isEqualTo(1);
	}

	@Test
	void oneDefinitionRunsAsTwoChildStepsWithTheirOwnIds() throws Exception {
		WorkflowId id = starter.start("two-charges", 1);
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("deposit").output().asString()).isEqualTo("receipt 4");
		assertThat(status.step("balance").output().asString()).isEqualTo("receipt 10");
		assertThat(childOf(id, "deposit")).isNotEqualTo(childOf(id, "balance"));
	}

	@Test
	void failedChildFailsTheStepAndTheParentCompensates() throws Exception {
		WorkflowId id = starter.start("declined-order", 3);
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("declined-charge").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("declined-charge").error()).startsWith("Child workflow 'declined-charge' (")
			.contains("failed at step 'decline'")
			.contains("card declined");
		assertThat(status.step("ship").state()).isEqualTo(StepState.CANCELLED);
		assertThat(OrderWorkflows.runs(id, "refund")).isEqualTo(1);
		assertThat(other.status(childOf(id, "declined-charge")).state()).isEqualTo(WorkflowState.FAILED);
	}

	@Test
	void cancelledParentCancelsItsChild() throws Exception {
		WorkflowId id = starter.start("slow-order", 1);
		WorkflowId child = awaitChild(id, "approval");
		await().until(() -> other.status(child).step("approved").state() == StepState.RUNNING);
		assertThat(instances.get(1).getBean(WorkflowClient.class).cancel(id)).isTrue();
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(status.step("approval").state()).isEqualTo(StepState.CANCELLED);
		assertThat(status.step("approval").error()).contains("was cancelled with its parent");
		assertThat(finished(child).state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(OrderWorkflows.runs(id, "refund")).isEqualTo(1);
	}

	@Test
	void cancelledChildFailsTheStepOfARunningParent() throws Exception {
		WorkflowId id = starter.start("slow-order", 2);
		WorkflowId child = awaitChild(id, "approval");
		assertThat(other.cancel(child)).isTrue();
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("approval").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("approval").error()).contains("was cancelled");
		assertThat(OrderWorkflows.runs(id, "refund")).isEqualTo(1);
	}

	private static WorkflowStatus finished(WorkflowId id) {
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> instances.get(1).getBean(WorkflowClient.class).status(id),
					(candidate) -> candidate.state().isFinished());
	}

	private static WorkflowId awaitChild(WorkflowId id, String step) {
		await().until(() -> starter.status(id).step(step).state() == StepState.RUNNING);
		return await().until(() -> childOf(id, step), (child) -> child != null);
	}

	/** The child's id, as the parent's record in ZooKeeper holds it. */
	private static WorkflowId childOf(WorkflowId id, String step) throws Exception {
		CuratorFramework curator = instances.get(1).getBean(CuratorFramework.class);
		JsonNode record = JsonMapper.builder().build()
			.readTree(curator.getData().forPath("/zk-workflow/workflows/" + id.value()));
		JsonNode child = record.path("steps").path(step).path("child");
		return child.isString() ? new WorkflowId(child.asString()) : null;
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderWorkflows {

		static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		static int runs(WorkflowId id, String task) {
			AtomicInteger count = runs.get(id.value() + "/" + task);
			return (count != null) ? count.get() : 0;
		}

		private static void ran(TaskContext context, String task) {
			String workflow = context.attributes().get("zk-workflow.workflow");
			runs.computeIfAbsent(workflow + "/" + task, (key) -> new AtomicInteger()).incrementAndGet();
		}

		@Bean
		WorkflowDefinition chargeOrder() {
			return WorkflowDefinition.named("charge-order").step("charge").then("receipt").build();
		}

		@Bean
		WorkflowDefinition order() {
			return WorkflowDefinition.named("order").step("reserve").thenWorkflow("charge-order").then("ship").build();
		}

		@Bean
		WorkflowDefinition twoCharges() {
			return WorkflowDefinition.named("two-charges")
				.step("reserve")
				.thenWorkflow("charge-order")
				.as("deposit")
				.step("double", "deposit")
				.thenWorkflow("charge-order")
				.as("balance")
				.build();
		}

		@Bean
		WorkflowDefinition declinedCharge() {
			return WorkflowDefinition.named("declined-charge")
				.step("decline")
				.options("decline", StepOptions.maxAttempts(1))
				.build();
		}

		@Bean
		WorkflowDefinition declinedOrder() {
			return WorkflowDefinition.named("declined-order")
				.step("reserve")
				.thenWorkflow("declined-charge")
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition approval() {
			return WorkflowDefinition.named("approval").step("reserve").waitFor("approved", Duration.ofMinutes(5)).build();
		}

		@Bean
		WorkflowDefinition slowOrder() {
			return WorkflowDefinition.named("slow-order")
				.step("reserve")
				.thenWorkflow("approval")
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		Handlers orderHandlers() {
			return new Handlers();
		}

	}

	static class Handlers {

		@WorkflowTask(name = "reserve")
		int reserve(int amount) {
			return amount + 1;
		}

		@WorkflowTask(name = "charge")
		int charge(int amount, TaskContext context) {
			OrderWorkflows.ran(context, "charge");
			return amount * 2;
		}

		@WorkflowTask(name = "receipt")
		String receipt(int amount) {
			return "receipt " + amount;
		}

		@WorkflowTask(name = "double")
		int twice(JsonNode deposit) {
			return 5;
		}

		@WorkflowTask(name = "decline")
		String decline(int amount) {
			throw new IllegalStateException("card declined");
		}

		@WorkflowTask(name = "ship")
		String ship(String receipt) {
			return "shipped " + receipt;
		}

		@WorkflowTask(name = "refund")
		void refund(CompensationInput input, TaskContext context) {
			OrderWorkflows.ran(context, "refund");
		}

	}

}
