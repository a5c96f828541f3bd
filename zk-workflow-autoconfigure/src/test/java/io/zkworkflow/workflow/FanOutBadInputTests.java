package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Bad inputs of fan-out steps (rows of docs/bad-inputs.md), on three instances sharing one
 * ZooKeeper: each gives an error that names the step and what to do, and a fan-out started
 * before it, and one started after it, still complete with their outputs in order.
 */
class FanOutBadInputTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static WorkflowClient client;

	private WorkflowId before;

	@BeforeAll
	static void startInstances() {
		instances = FanOutTests.FanOutWorkflows.instances(zookeeper, BadFanOuts.class);
		client = instances.get(1).getBean(WorkflowClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@BeforeEach
	void startAFanOutBeforeTheBadInput() {
		this.before = client.start("charge-lines", 30);
	}

	@AfterEach
	void nothingLost() {
		assertCompletedInOrder(this.before, 30);
		assertCompletedInOrder(instances.get(2).getBean(WorkflowClient.class).start("charge-lines", 12), 12);
	}

	private static void assertCompletedInOrder(WorkflowId id, int count) {
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("join-lines").output().asInt()).isEqualTo(count);
		assertThat(FanOutTests.FanOutWorkflows.joined.get(id.value())).hasSize(count)
			.startsWith("charged-0", "charged-1")
			.endsWith("charged-" + (count - 1));
	}

	@Test
	void anObjectWhereAnArrayIsExpectedFailsTheStepNamingItsPredecessor() {
		WorkflowStatus status = failed(client.start("fan-out-object", 1));
		assertThat(status.step("charge-line").error())
			.startsWith("Fan-out step 'charge-line' (forEach) needs a JSON array from step 'give-object', but got "
					+ "an object: '{\"order\":\"o-1\"}'")
			.contains("Make 'give-object' return a list or an array");
		assertThat(status.error()).contains("charge-line");
	}

	@Test
	void aListOfMoreThanTheLimitFailsTheStepWithoutRunningAnElement() {
		WorkflowStatus status = failed(client.start("fan-out-too-many", 1));
		assertThat(status.step("charge-line").error()).startsWith(
				"Fan-out step 'charge-line' got 100001 elements from step 'give-many', more than the 100000 one "
						+ "fan-out step takes.");
	}

	@Test
	void outputsAboveMaxOutputFailTheStepBeforeTheArrayIsBuilt() {
		WorkflowStatus status = failed(client.start("fan-out-big", 100));
		assertThat(status.step("big-line").error())
			.startsWith("The outputs of fan-out step 'big-line' reached ")
			.contains("above zk-workflow.workflows.max-output (262144 bytes)")
			.contains("Return small outputs from each element");
		assertThat(status.step("after-big").state()).isEqualTo(StepState.CANCELLED);
	}

	@Test
	void aParallelismOutOfRangeFailsTheBuildNamingTheBounds() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("wide").step("a").forEach("b", 0))
			.withMessage("Workflow 'wide': forEach('b', 0) needs a parallelism between 1 and 64; it bounds how "
					+ "many element tasks are pending or running at once.");
		assertThatThrownBy(() -> instances.start(TooWide.class)).hasRootCauseInstanceOf(
				WorkflowDefinitionException.class)
			.rootCause()
			.hasMessageContaining("forEach('b', 1000) needs a parallelism between 1 and 64");
	}

	@Test
	void aForEachAfterSeveralStepsFailsTheBuildSayingToMergeThemFirst() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("merge").step("a").thenParallel("b", "c").forEach("d"))
			.withMessage("Workflow 'merge': forEach('d') follows [b, c]; a fan-out step needs exactly one "
					+ "predecessor, whose output is the JSON array to fan out. Add a step that merges [b, c] into "
					+ "one array first.");
	}

	private static WorkflowStatus failed(WorkflowId id) {
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		return status;
	}

	@Configuration(proxyBeanMethods = false)
	static class BadFanOuts {

		@Bean
		WorkflowDefinition fanOutObject() {
			return WorkflowDefinition.named("fan-out-object").step("give-object").forEach("charge-line").build();
		}

		@Bean
		WorkflowDefinition fanOutTooMany() {
			return WorkflowDefinition.named("fan-out-too-many").step("give-many").forEach("charge-line").build();
		}

		@Bean
		WorkflowDefinition fanOutBig() {
			return WorkflowDefinition.named("fan-out-big")
				.step("list-lines")
				.forEach("big-line", 4)
				.then("after-big")
				.build();
		}

		@Bean
		BadHandlers badFanOutHandlers() {
			return new BadHandlers();
		}

		static class BadHandlers {

			@WorkflowTask(name = "give-object")
			Map<String, String> object(int ignored) {
				return Map.of("order", "o-1");
			}

			@WorkflowTask(name = "give-many")
			List<Integer> many(int ignored) {
				return Collections.nCopies(100_001, 0);
			}

			@WorkflowTask(name = "big-line")
			String big(int line) {
				return "x".repeat(5000);
			}

			@WorkflowTask(name = "after-big")
			int afterBig(List<String> lines) {
				return lines.size();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TooWide {

		@Bean
		WorkflowDefinition tooWide() {
			return WorkflowDefinition.named("too-wide").step("a").forEach("b", 1000).build();
		}

	}

}
