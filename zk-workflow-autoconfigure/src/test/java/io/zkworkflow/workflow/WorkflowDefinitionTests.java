package io.zkworkflow.workflow;

import java.util.List;

import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Invalid workflow definitions and schedules fail (the build, or startup) with a message
 * naming the definition, the step and the fix.
 */
class WorkflowDefinitionTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final ZkInstances instances = WorkflowInstances.on(zookeeper);

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void buildsTheDagOfTheSequenceMethods() {
		WorkflowDefinition definition = WorkflowDefinition.named("order")
			.step("a")
			.then("b")
			.thenParallel("c", "d")
			.then("e")
			.onFailure("undo")
			.build();
		assertThat(definition.first().name()).isEqualTo("a");
		assertThat(definition.step("e").parents()).containsExactly("c", "d");
		assertThat(definition.edges()).containsExactly(List.of("a", "b"), List.of("b", "c"), List.of("b", "d"),
				List.of("c", "e"), List.of("d", "e"));
		assertThat(definition.taskNames()).containsExactly("a", "b", "c", "d", "e", "undo");
	}

	@Test
	void namesAStepSeparatelyFromItsTask() {
		WorkflowDefinition definition = WorkflowDefinition.named("deposit")
			.step("charge")
			.as("charge-deposit")
			.then("double")
			.then("charge")
			.as("charge-balance")
			.step("settle", "charge-deposit", "charge-balance")
			.options("charge-balance", StepOptions.maxAttempts(2))
			.build();
		assertThat(definition.steps().keySet()).containsExactly("charge-deposit", "double", "charge-balance",
				"settle");
		assertThat(definition.step("charge-balance").task()).isEqualTo("charge");
		assertThat(definition.step("charge-balance").parents()).containsExactly("double");
		assertThat(definition.step("charge-balance").options().attempts()).isEqualTo(2);
		assertThat(definition.step("double").parents()).containsExactly("charge-deposit");
		assertThat(definition.taskNames()).containsExactly("charge", "double", "settle");
		assertThat(definition.stepIds()).containsExactly("charge-deposit", "double", "charge-balance", "settle");
	}

	@Test
	void carriesItsCompletionListenerAndRejectsOneThatIsAStep() {
		assertThat(WorkflowDefinition.named("notified").step("a").onComplete("a-done").build().onComplete())
			.isEqualTo("a-done");
		assertThat(WorkflowDefinition.named("quiet").step("a").build().onComplete()).isNull();
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("echoes").step("a").then("b").onComplete("b").build())
			.withMessageContaining("Workflow 'echoes': onComplete task 'b' is also a step of the workflow")
			.withMessageContaining("separate @WorkflowTask");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("undone").step("a").onFailure("undo").onComplete("undo").build())
			.withMessageContaining("onComplete task 'undo' is also a step");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("slashed").step("a").onComplete("tell/everyone").build())
			.withMessageContaining("Workflow 'slashed': onComplete('tell/everyone')")
			.withMessageContaining("WorkflowCompletion");
	}

	@Test
	void rejectsACycle() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("loop").step("a").step("b", "a", "c").step("c", "b").build())
			.withMessageContaining("Workflow 'loop'")
			.withMessageContaining("cycle")
			.withMessageContaining("b -> c -> b");
	}

	@Test
	void rejectsAnUnknownPredecessor() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("typo").step("a").step("b", "aa").build())
			.withMessageContaining("Workflow 'typo': step 'b' waits for unknown step 'aa'");
	}

	@Test
	void rejectsAnUnreachableStep() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("island").step("a").then("b").step("c").build())
			.withMessageContaining("Workflow 'island': step 'c' has no predecessor and is unreachable");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("island2").step("a").step("x", "y").step("y", "x").build())
			.withMessageContaining("Workflow 'island2'")
			.withMessageContaining("cycle");
	}

	@Test
	void forEachAddsAFanOutStepWithItsParallelismThatAsCanRename() {
		WorkflowDefinition definition = WorkflowDefinition.named("lines")
			.step("list")
			.forEach("charge")
			.as("charge-lines")
			.forEach("refund", 3)
			.build();
		StepDefinition charge = definition.step("charge-lines");
		assertThat(charge.fansOut()).isTrue();
		assertThat(charge.task()).isEqualTo("charge");
		assertThat(charge.parallelism()).isEqualTo(WorkflowDefinitionBuilder.DEFAULT_PARALLELISM);
		assertThat(definition.step("refund").parallelism()).isEqualTo(3);
		assertThat(definition.step("refund").parents()).containsExactly("charge-lines");
		assertThat(definition.step("list").fansOut()).isFalse();
	}

	@Test
	void rejectsAStepDeclaredTwiceAndACompensationThatIsAStep() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("twice").step("a").then("b").then("a").build())
			.withMessageContaining("Workflow 'twice': step id 'a' is declared twice")
			.withMessageContaining(".as(\"a-2\")");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("renamed").step("a").then("b").as("x").then("c").as("x"))
			.withMessageContaining("Workflow 'renamed': step id 'x' is declared twice");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("fan").step("a").thenParallel("b", "c").as("x"))
			.withMessageContaining("as('x') must follow step(), then() or thenIf()")
			.withMessageContaining("[b, c]");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("self").step("a").onFailure("a").build())
			.withMessageContaining("compensation step 'a' is also a regular step");
	}

	@Test
	void rejectsBadNamesOptionsAndCron() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("bad/name"))
			.withMessageContaining("Workflow name 'bad/name'");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("opts").step("a").options("b", StepOptions.maxAttempts(2)).build())
			.withMessageContaining("options() names unknown step 'b'");
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("cron").step("a").schedule("every day").build())
			.withMessageContaining("Workflow 'cron': schedule 'every day' is not a valid cron expression");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> StepOptions.maxAttempts(0))
			.withMessageContaining("at least 1");
	}

	@Test
	void versionIsTheExplicitOneOrAHashOfTheShapeAlone() {
		WorkflowDefinition shape = WorkflowDefinition.named("v").step("a").thenIf("b", (node) -> true).then("c").build();
		WorkflowDefinition sameShape = WorkflowDefinition.named("v")
			.step("a")
			.thenIf("b", (node) -> node.isNull())
			.then("c")
			.options("c", StepOptions.maxAttempts(9))
			.build();
		assertThat(shape.version()).matches("[0-9a-f]{12}").isEqualTo(sameShape.version());
		assertThat(WorkflowDefinition.named("v").step("a").then("b").then("c").build().version())
			.as("a condition moved off a step changes the shape")
			.isNotEqualTo(shape.version());
		assertThat(WorkflowDefinition.named("v").step("a").thenIf("b", (node) -> true).then("d").as("c").build().version())
			.as("another task at a step changes the shape")
			.isNotEqualTo(shape.version());
		assertThat(WorkflowDefinition.named("v").step("a").thenIf("b", (node) -> true).then("c").onFailure("undo").build()
			.version()).as("a compensation changes the shape").isNotEqualTo(shape.version());
		assertThat(WorkflowDefinition.named("v").step("a").sleep(java.time.Duration.ofSeconds(1)).build().version())
			.isNotEqualTo(WorkflowDefinition.named("v").step("a").sleep(java.time.Duration.ofSeconds(2)).build().version());
		assertThat(WorkflowDefinition.named("v").version(3).step("a").then("b").build().version()).isEqualTo("3");
		assertThat(WorkflowDefinition.named("v").step("a").then("zzz").version(3).build().version()).isEqualTo("3");
	}

	@Test
	void failsStartupWhenAStepHasNoWorkflowTask() {
		assertThatThrownBy(() -> instances.start(UnknownStepApp.class)).satisfies((ex) -> assertThat(causeOf(ex))
			.hasMessageContaining("Workflow 'shipping': step 'ship-it' has no @WorkflowTask(name = \"ship-it\")")
			.hasMessageContaining("known tasks are [pack]")
			.hasMessageContaining("zk-workflow.workflows.validate-handlers=false"));
	}

	@Test
	void startsAProducerWithoutHandlersWhenValidationIsOff() {
		assertThat(instances.start(UnknownStepApp.class, "zk-workflow.workflows.validate-handlers=false")
			.getBean(WorkflowClient.class)).isNotNull();
	}

	@Test
	void failsStartupOnAnInvalidCronOrZone() {
		assertThatThrownBy(() -> instances.start(BadCronApp.class)).satisfies((ex) -> assertThat(causeOf(ex))
			.hasMessageContaining("@WorkflowTask 'bad-cron' on BadCronHandler#run()")
			.hasMessageContaining("cron '0 0 25 * * *' is not a valid cron expression"));
		assertThatThrownBy(() -> instances.start(BadZoneApp.class)).satisfies((ex) -> assertThat(causeOf(ex))
			.hasMessageContaining("@WorkflowTask 'bad-zone'")
			.hasMessageContaining("zone 'Mars/Olympus' is not a time zone id"));
	}

	private static Throwable causeOf(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof WorkflowDefinitionException) {
				return cause;
			}
		}
		return ex;
	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownStepApp {

		@Bean
		WorkflowDefinition shipping() {
			return WorkflowDefinition.named("shipping").step("pack").then("ship-it").build();
		}

		@Bean
		Object packHandler() {
			return new Object() {
				@WorkflowTask(name = "pack")
				void pack() {
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadCronApp {

		@Bean
		BadCronHandler badCronHandler() {
			return new BadCronHandler();
		}

	}

	static class BadCronHandler {

		@WorkflowTask(name = "bad-cron", cron = "0 0 25 * * *")
		void run() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadZoneApp {

		@Bean
		BadZoneHandler badZoneHandler() {
			return new BadZoneHandler();
		}

	}

	static class BadZoneHandler {

		@WorkflowTask(name = "bad-zone", cron = "0 0 2 * * *", zone = "Mars/Olympus")
		void run() {
		}

	}

}
