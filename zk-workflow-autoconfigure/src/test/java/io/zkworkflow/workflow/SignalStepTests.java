package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code waitFor} steps on three instances: a signal sent from another instance than the one
 * that started the workflow completes the wait with its payload; one sent early is kept in
 * ZooKeeper until the workflow reaches the wait; a timeout takes the declared branch or fails
 * into compensation; a signal and a timeout at the same moment end the wait exactly once.
 */
class SignalStepTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static WorkflowClient starter;

	private static WorkflowClient sender;

	@BeforeAll
	static void startInstances() {
		instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(PaymentWorkflows.class);
		}
		starter = instances.get(0).getBean(WorkflowClient.class);
		sender = instances.get(2).getBean(WorkflowClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void signalFromAnotherInstanceCompletesTheWaitWithItsPayload() {
		WorkflowId id = starter.start("payment", 5);
		await().until(() -> starter.status(id).step("payment-confirmed").state() == StepState.RUNNING);
		assertThat(sender.signal(id, "payment-confirmed", Map.of("amount", 50))).isEqualTo(SignalDelivery.DELIVERED);
		assertThat(instances.get(1).getBean(WorkflowClient.class).signal(id, "payment-confirmed", Map.of("amount", 1)))
			.as("a second signal of the name while the workflow runs on").isEqualTo(SignalDelivery.DUPLICATE);
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("payment-confirmed").output().get("amount").asInt()).isEqualTo(50);
		assertThat(status.step("ship").output().asString()).isEqualTo("shipped 50");
		assertThat(status.step("expire").state()).isEqualTo(StepState.SKIPPED);
		assertThat(PaymentWorkflows.runs(id, "ship")).isEqualTo(1);
		assertThat(PaymentWorkflows.runs(id, "expire")).isZero();
	}

	@Test
	void signalSentBeforeTheWaitIsKeptAndConsumedOnce() throws Exception {
		WorkflowId id = starter.start("late-wait", 1);
		await().until(() -> starter.status(id).step("sleep").state() == StepState.RUNNING);
		assertThat(sender.signal(id, "go", "early")).isEqualTo(SignalDelivery.BUFFERED);
		CuratorFramework curator = instances.get(1).getBean(CuratorFramework.class);
		String kept = "/zk-workflow/workflows/" + id.value() + "/signals/go";
		assertThat(curator.checkExists().forPath(kept)).isNotNull();
		assertThat(sender.signal(id, "go", "again")).isEqualTo(SignalDelivery.DUPLICATE);
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("go").output().asString()).isEqualTo("early");
		assertThat(status.step("go").taskId()).as("consumed as the wait started: no timer").isNull();
		assertThat(status.step("after-go").output().asString()).isEqualTo("after early");
		assertThat(curator.checkExists().forPath(kept)).isNull();
		assertThat(PaymentWorkflows.runs(id, "after-go")).isEqualTo(1);
	}

	@Test
	void timeoutTakesTheDeclaredBranchAndALateSignalIsRefused() {
		WorkflowId id = starter.start("payment-short", 7);
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("payment-confirmed").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(status.step("expire").output().asString()).isEqualTo("expired 8");
		assertThat(status.step("ship").state()).isEqualTo(StepState.SKIPPED);
		assertThat(PaymentWorkflows.runs(id, "expire")).isEqualTo(1);
		assertThat(PaymentWorkflows.runs(id, "ship")).isZero();
		assertThatExceptionOfType(WorkflowSignalException.class)
			.isThrownBy(() -> sender.signal(id, "payment-confirmed", Map.of("amount", 1)))
			.withMessageContaining("has ended COMPLETED");
	}

	@Test
	void timeoutWithoutABranchFailsIntoCompensation() {
		WorkflowId id = starter.start("strict-payment", 3);
		WorkflowStatus status = finished(id);
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("paid").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("paid").error()).contains("No signal 'paid' arrived within PT0.5S")
			.contains("onTimeout");
		assertThat(status.step("refund").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(PaymentWorkflows.runs(id, "refund")).isEqualTo(1);
		assertThat(PaymentWorkflows.runs(id, "ship")).isZero();
	}

	@Test
	void signalAndTimeoutAtOnceEndTheWaitExactlyOnce() {
		List<WorkflowId> ids = new ArrayList<>();
		Map<WorkflowId, Boolean> delivered = new ConcurrentHashMap<>();
		for (int i = 0; i < 12; i++) {
			ids.add(starter.start("payment-race", i));
		}
		for (WorkflowId id : ids) {
			await().pollInterval(Duration.ofMillis(10))
				.until(() -> starter.status(id).step("payment-confirmed").state() != StepState.WAITING);
			WorkflowClient client = instances.get(ids.indexOf(id) % 3).getBean(WorkflowClient.class);
			try {
				delivered.put(id, client.signal(id, "payment-confirmed", Map.of("amount", 9)) == SignalDelivery.DELIVERED);
			}
			catch (WorkflowSignalException ex) {
				assertThat(ex.getMessage()).containsAnyOf("timed out", "has ended");
				delivered.put(id, false);
			}
		}
		for (WorkflowId id : ids) {
			WorkflowStatus status = finished(id);
			assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
			int ships = PaymentWorkflows.runs(id, "ship");
			int expiries = PaymentWorkflows.runs(id, "expire");
			assertThat(ships + expiries).as("branches run for " + id).isEqualTo(1);
			if (delivered.get(id)) {
				assertThat(ships).isEqualTo(1);
				assertThat(status.step("payment-confirmed").output().get("amount").asInt()).isEqualTo(9);
			}
			else {
				assertThat(expiries).isEqualTo(1);
			}
		}
	}

	private static WorkflowStatus finished(WorkflowId id) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> starter.status(id), (candidate) -> candidate.state().isFinished());
	}

	@Configuration(proxyBeanMethods = false)
	static class PaymentWorkflows {

		static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		static int runs(WorkflowId id, String step) {
			AtomicInteger count = runs.get(id.value() + " " + step);
			return (count != null) ? count.get() : 0;
		}

		@Bean
		WorkflowDefinition payment() {
			return WorkflowDefinition.named("payment")
				.step("order")
				.waitFor("payment-confirmed", Duration.ofHours(1))
				.onTimeout("expire")
				.sleep(Duration.ofSeconds(2))
				.then("ship")
				.build();
		}

		@Bean
		WorkflowDefinition paymentShort() {
			return WorkflowDefinition.named("payment-short")
				.step("order")
				.waitFor("payment-confirmed", Duration.ofMillis(500))
				.onTimeout("expire")
				.then("ship")
				.build();
		}

		@Bean
		WorkflowDefinition paymentRace() {
			return WorkflowDefinition.named("payment-race")
				.step("order")
				.waitFor("payment-confirmed", Duration.ofMillis(150))
				.onTimeout("expire")
				.then("ship")
				.build();
		}

		@Bean
		WorkflowDefinition strictPayment() {
			return WorkflowDefinition.named("strict-payment")
				.step("order")
				.waitFor("paid", Duration.ofMillis(500))
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition lateWait() {
			return WorkflowDefinition.named("late-wait")
				.step("order")
				.sleep(Duration.ofSeconds(2))
				.waitFor("go", Duration.ofHours(1))
				.then("after-go")
				.build();
		}

		@Bean
		Handlers paymentHandlers() {
			return new Handlers();
		}

		static class Handlers {

			@WorkflowTask(name = "order")
			int order(int value, TaskContext context) {
				count(context);
				return value + 1;
			}

			@WorkflowTask(name = "ship")
			String ship(JsonNode payment, TaskContext context) {
				count(context);
				return "shipped " + payment.get("amount").asInt();
			}

			@WorkflowTask(name = "expire")
			String expire(int order, TaskContext context) {
				count(context);
				return "expired " + order;
			}

			@WorkflowTask(name = "after-go")
			String afterGo(String signal, TaskContext context) {
				count(context);
				return "after " + signal;
			}

			@WorkflowTask(name = "refund")
			void refund(CompensationInput input, TaskContext context) {
				count(context);
			}

			private static void count(TaskContext context) {
				runs.computeIfAbsent(context.attributes().get("zk-workflow.workflow") + " "
						+ context.attributes().get("zk-workflow.step"), (key) -> new AtomicInteger()).incrementAndGet();
			}

		}

	}

}
