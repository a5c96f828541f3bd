package io.zkworkflow.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The workflow contract on three instances against a real ZooKeeper: DAG order, outputs
 * passed on, fan-in, conditional branch, compensation, cancel, idempotent start, status.
 */
class WorkflowAcceptanceTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static final List<Object> events = Collections.synchronizedList(new ArrayList<>());

	private static WorkflowClient client;

	@BeforeAll
	static void startInstances() {
		instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			ConfigurableApplicationContext context = instances.start(OrderWorkflows.class,
					"zk-workflow.workflows.max-output=1KB");
			context.addApplicationListener(ApplicationListener.forPayload(events::add));
		}
		client = instances.all().get(0).getBean(WorkflowClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void runsStepsInDagOrderAndPassesOutputsOn() {
		WorkflowId id = client.start("order-fulfilment", new OrderWorkflows.Order("o-1", 30, false, false));
		WorkflowStatus status = awaitFinished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		String w = id.value();
		assertThat(OrderWorkflows.position(w, "reserve-stock", "end"))
			.isLessThan(OrderWorkflows.position(w, "charge-card", "start"));
		for (String parallel : List.of("send-invoice", "schedule-shipping")) {
			assertThat(OrderWorkflows.position(w, "charge-card", "end"))
				.isLessThan(OrderWorkflows.position(w, parallel, "start"));
			assertThat(OrderWorkflows.position(w, parallel, "end"))
				.isLessThan(OrderWorkflows.position(w, "close-order", "start"));
		}
		assertThat(OrderWorkflows.received.get(w + " charge-card"))
			.isEqualTo(new OrderWorkflows.Reservation("o-1", 30));
		assertThat(OrderWorkflows.received.get(w + " send-invoice").toString()).contains("\"charged\":30");
		assertThat(OrderWorkflows.received.get(w + " close-order"))
			.isEqualTo(Map.of("send-invoice", "invoice-o-1", "schedule-shipping", "shipment-o-1"));
		assertThat(status.step("close-order").output().toString()).isEqualTo("[\"invoice-o-1\",\"shipment-o-1\"]");
		assertThat(status.steps().keySet()).containsExactly("reserve-stock", "charge-card", "send-invoice",
				"schedule-shipping", "close-order", "refund-and-release");
		assertThat(status.step("refund-and-release").state()).isEqualTo(StepState.WAITING);
		assertThat(status.step("charge-card").attempts()).isEqualTo(1);
		assertThat(status.edges()).contains(List.of("charge-card", "send-invoice"),
				List.of("schedule-shipping", "close-order"));
		assertThat(OrderWorkflows.compensations).doesNotContainKey(w);
		await().until(() -> completedEvents(id) == 1);
	}

	@Test
	void takesTheBranchTheConditionChooses() {
		WorkflowId small = client.start("approval", 20);
		WorkflowId large = client.start("approval", 500);
		WorkflowStatus approved = awaitFinished(small);
		WorkflowStatus rejected = awaitFinished(large);
		assertThat(approved.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(approved.step("approve").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(approved.step("reject").state()).isEqualTo(StepState.SKIPPED);
		assertThat(OrderWorkflows.received.get(small.value() + " notify")).isEqualTo(Map.of("approve", "approved"));
		assertThat(rejected.step("approve").state()).isEqualTo(StepState.SKIPPED);
		assertThat(rejected.step("reject").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(OrderWorkflows.received.get(large.value() + " notify")).isEqualTo(Map.of("reject", "rejected"));
		assertThat(OrderWorkflows.received).doesNotContainKey(small.value() + " reject");
		assertThat(OrderWorkflows.received).doesNotContainKey(large.value() + " approve");
	}

	@Test
	void compensatesOnceWhenAStepFails() {
		WorkflowId id = client.start("order-fulfilment", new OrderWorkflows.Order("fail-1", 10, true, false));
		WorkflowStatus status = awaitFinished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("charge-card").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("charge-card").attempts()).as("step override of maxAttempts").isEqualTo(2);
		assertThat(status.error()).contains("charge-card").contains("card declined");
		assertThat(status.step("send-invoice").state()).isEqualTo(StepState.CANCELLED);
		assertThat(status.step("refund-and-release").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(OrderWorkflows.compensations.get(id.value())).hasValue(1);
		CompensationInput input = (CompensationInput) OrderWorkflows.received.get(id.value() + " refund-and-release");
		assertThat(input.failedStep()).isEqualTo("charge-card");
		assertThat(input.cancelled()).isFalse();
		assertThat(input.outputs()).containsOnlyKeys("reserve-stock");
		assertThat(OrderWorkflows.position(id.value(), "send-invoice", "start")).isEqualTo(-1);
		await().until(() -> events.stream()
			.anyMatch((event) -> event instanceof WorkflowFailedEvent failed && failed.id().equals(id)
					&& failed.state() == WorkflowState.FAILED && "charge-card".equals(failed.failedStep())));
	}

	@Test
	void cancelLetsTheRunningStepFinishStartsNothingNewAndCompensates() {
		CountDownLatch gate = new CountDownLatch(1);
		OrderWorkflows.gates.put("hold-1", gate);
		WorkflowId id = client.start("order-fulfilment", new OrderWorkflows.Order("hold-1", 10, false, true));
		await().until(() -> OrderWorkflows.position(id.value(), "reserve-stock", "start") >= 0);
		WorkflowClient other = instances.all().get(2).getBean(WorkflowClient.class);
		assertThat(other.cancel(id)).isTrue();
		assertThat(other.status(id).state()).isEqualTo(WorkflowState.CANCELLING);
		gate.countDown();
		WorkflowStatus status = awaitFinished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(status.step("reserve-stock").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(status.step("charge-card").state()).isEqualTo(StepState.CANCELLED);
		assertThat(OrderWorkflows.position(id.value(), "charge-card", "start")).isEqualTo(-1);
		assertThat(OrderWorkflows.compensations.get(id.value())).hasValue(1);
		CompensationInput input = (CompensationInput) OrderWorkflows.received.get(id.value() + " refund-and-release");
		assertThat(input.cancelled()).isTrue();
		assertThat(client.cancel(id)).as("cancel of a cancelled workflow").isTrue();
	}

	@Test
	void cancelOfAFinishedOrUnknownWorkflowChangesNothing() {
		WorkflowId id = client.start("approval", 1);
		assertThat(awaitFinished(id).state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(client.cancel(id)).isFalse();
		assertThat(client.status(id).state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(client.cancel(new WorkflowId("w-nope"))).isFalse();
		assertThat(client.status(new WorkflowId("w-nope")).state()).isEqualTo(WorkflowState.UNKNOWN);
	}

	@Test
	void startWithTheSameIdempotencyKeyReturnsTheFirstWorkflow() {
		OrderWorkflows.Order order = new OrderWorkflows.Order("dup-1", 5, false, false);
		WorkflowId first = client.start("order-fulfilment", order, StartOptions.idempotencyKey("dup-1"));
		WorkflowId second = instances.all()
			.get(1)
			.getBean(WorkflowClient.class)
			.start("order-fulfilment", order, StartOptions.idempotencyKey("dup-1"));
		assertThat(second).isEqualTo(first);
		assertThat(awaitFinished(first).state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(client.start("order-fulfilment", order, StartOptions.idempotencyKey("dup-1"))).isEqualTo(first);
		await().until(() -> completedEvents(first) == 1);
		assertThat(OrderWorkflows.journal.stream().filter((entry) -> entry.equals(first.value() + " reserve-stock start")))
			.hasSize(1);
	}

	@Test
	void failsAStepWhoseOutputIsTooLarge() {
		WorkflowId id = client.start("approval", 2);
		awaitFinished(id);
		// max-output is 1KB: an input above it is refused at start
		assertThatExceptionOfType(WorkflowStartException.class)
			.isThrownBy(() -> client.start("approval", "x".repeat(2000)))
			.withMessageContaining("zk-workflow.workflows.max-output")
			.withMessageContaining("reference");
	}

	@Test
	void refusesUnknownWorkflowNames() {
		assertThatExceptionOfType(WorkflowStartException.class).isThrownBy(() -> client.start("nope", 1))
			.withMessageContaining("No workflow named 'nope'")
			.withMessageContaining("order-fulfilment");
	}

	@Test
	@SuppressWarnings("unchecked")
	void statusSectionListsRunningWorkflowsWithStepsAndEdges() {
		CountDownLatch gate = new CountDownLatch(1);
		OrderWorkflows.gates.put("hold-2", gate);
		WorkflowId id = client.start("order-fulfilment", new OrderWorkflows.Order("hold-2", 10, false, true));
		try {
			await().until(() -> OrderWorkflows.position(id.value(), "reserve-stock", "start") >= 0);
			StatusSection section = instances.all()
				.get(1)
				.getBeansOfType(StatusSection.class)
				.values()
				.stream()
				.filter((candidate) -> candidate.sectionName().equals("workflows"))
				.findFirst()
				.orElseThrow();
			Map<String, Object> snapshot = (Map<String, Object>) section.snapshot();
			List<Map<String, Object>> running = (List<Map<String, Object>>) snapshot.get("running");
			Map<String, Object> entry = running.stream()
				.filter((candidate) -> candidate.get("id").equals(id.value()))
				.findFirst()
				.orElseThrow();
			assertThat(entry).containsEntry("name", "order-fulfilment").containsEntry("state", "RUNNING");
			Map<String, Map<String, Object>> steps = (Map<String, Map<String, Object>>) entry.get("steps");
			assertThat(steps.get("reserve-stock")).containsEntry("state", "RUNNING").containsEntry("attempts", 1);
			assertThat(steps.get("close-order")).containsEntry("state", "WAITING");
			assertThat((List<List<String>>) entry.get("edges")).contains(List.of("reserve-stock", "charge-card"),
					List.of("send-invoice", "close-order"));
		}
		finally {
			gate.countDown();
		}
		assertThat(awaitFinished(id).state()).isEqualTo(WorkflowState.COMPLETED);
	}

	private static long completedEvents(WorkflowId id) {
		synchronized (events) {
			return events.stream()
				.filter((event) -> event instanceof WorkflowCompletedEvent completed && completed.id().equals(id))
				.count();
		}
	}

	private static WorkflowStatus awaitFinished(WorkflowId id) {
		AtomicInteger reads = new AtomicInteger();
		return await().until(() -> {
			reads.incrementAndGet();
			return client.status(id);
		}, (status) -> status.state().isFinished());
	}

}
