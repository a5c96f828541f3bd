package io.zkworkflow.workflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One {@code @WorkflowTask} at two steps of one workflow, on three instances: each step runs
 * once with its own input, keeps its own output and state, and the join receives both.
 */
class StepIdTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static WorkflowClient client;

	@BeforeAll
	static void startInstances() {
		instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(DepositWorkflow.class);
		}
		client = instances.all().get(0).getBean(WorkflowClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void runsOneTaskAtTwoStepsWithTheirOwnInputsAndOutputs() {
		WorkflowId id = client.start("deposit-and-balance", 10);
		WorkflowStatus status = await().until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		String w = id.value();
		assertThat(DepositWorkflow.charges.get(w + " charge-deposit").get()).isEqualTo(1);
		assertThat(DepositWorkflow.charges.get(w + " charge-balance").get()).isEqualTo(1);
		assertThat(DepositWorkflow.inputs).containsEntry(w + " charge-deposit", 10)
			.containsEntry(w + " charge-balance", 20);
		assertThat(status.step("charge-deposit").output().asString()).isEqualTo("charged-10");
		assertThat(status.step("charge-balance").output().asString()).isEqualTo("charged-20");
		assertThat(status.step("charge-deposit").taskId()).startsWith("charge/");
		assertThat(status.step("charge-balance").taskId()).startsWith("charge/")
			.isNotEqualTo(status.step("charge-deposit").taskId());
		assertThat(status.steps().keySet()).containsExactly("charge-deposit", "double", "charge-balance", "settle");
		assertThat(status.step("settle").output().asString()).isEqualTo("charged-10+charged-20");
		assertThat(status.edges()).contains(java.util.List.of("charge-deposit", "settle"),
				java.util.List.of("charge-balance", "settle"));
		Object snapshot = instances.all()
			.get(1)
			.getBeansOfType(StatusSection.class)
			.values()
			.stream()
			.filter((section) -> section.sectionName().equals("workflows"))
			.findFirst()
			.orElseThrow()
			.snapshot();
		assertThat(snapshot.toString()).contains("charge-deposit=charge").contains("charge-balance=charge");
	}

	@Configuration(proxyBeanMethods = false)
	static class DepositWorkflow {

		static final Map<String, AtomicInteger> charges = new ConcurrentHashMap<>();

		static final Map<String, Integer> inputs = new ConcurrentHashMap<>();

		@Bean
		WorkflowDefinition depositAndBalance() {
			return WorkflowDefinition.named("deposit-and-balance")
				.step("charge")
				.as("charge-deposit")
				.then("double")
				.then("charge")
				.as("charge-balance")
				.step("settle", "charge-deposit", "charge-balance")
				.build();
		}

		@Bean
		Handlers depositHandlers() {
			return new Handlers();
		}

		static class Handlers {

			@WorkflowTask(name = "charge")
			String charge(int amount, TaskContext context) {
				String key = context.attributes().get("zk-workflow.workflow") + " "
						+ context.attributes().get("zk-workflow.step");
				charges.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
				inputs.put(key, amount);
				return "charged-" + amount;
			}

			@WorkflowTask(name = "double")
			int twice(String charged) {
				return 2 * Integer.parseInt(charged.substring("charged-".length()));
			}

			@WorkflowTask(name = "settle")
			String settle(Map<String, String> charged) {
				return charged.get("charge-deposit") + "+" + charged.get("charge-balance");
			}

		}

	}

}
