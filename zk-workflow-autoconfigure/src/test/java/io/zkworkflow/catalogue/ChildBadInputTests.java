package io.zkworkflow.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowDefinitionException;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import org.apache.curator.framework.state.ConnectionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Catalogue, child workflows: bad {@code thenWorkflow} declarations (unknown child, cycles,
 * bad names) and children that fail, against three running instances of one fleet. Each test
 * asserts the error names the problem; {@link #nothingLost} then proves that a parent started
 * before completes with its child's result, every instance still works and no session was
 * disturbed.
 */
class ChildBadInputTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final List<ConfigurableApplicationContext> fleet = new ArrayList<>();

	private static final List<List<ConnectionState>> connectionStates = new ArrayList<>();

	private TaskId before;

	private WorkflowId parentBefore;

	@BeforeAll
	static void start() {
		for (int i = 0; i < 3; i++) {
			ConfigurableApplicationContext instance = CatalogueApp.start(zookeeper, App.class);
			fleet.add(instance);
			connectionStates.add(CatalogueApp.recordConnectionStates(instance));
		}
	}

	@AfterAll
	static void stop() {
		fleet.forEach(ConfigurableApplicationContext::close);
	}

	@BeforeEach
	void startWorkBeforeTheBadInput() {
		this.before = fleet.get(0).getBean(TaskClient.class).submit("echo", "submitted before");
		this.parentBefore = client(0).start("parent", "order-1");
	}

	@AfterEach
	void nothingLost() {
		TaskClient tasks = fleet.get(1).getBean(TaskClient.class);
		assertThat(CatalogueApp.awaitState(tasks, this.before, TaskState.SUCCEEDED).output().asString())
			.isEqualTo("submitted before");
		WorkflowStatus parent = finished(this.parentBefore);
		assertThat(parent.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(parent.step("child").output().asString()).isEqualTo("order-1");
		fleet.forEach(CatalogueApp::assertWorking);
		connectionStates.forEach((states) -> assertThat(states).as("connection state changes").isEmpty());
	}

	private static WorkflowClient client(int index) {
		return fleet.get(index).getBean(WorkflowClient.class);
	}

	private static WorkflowStatus finished(WorkflowId id) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> client(2).status(id), (candidate) -> candidate.state().isFinished());
	}

	// ---- run time

	@Test
	void failingChildFailsTheParentStepNamingTheChildAndItsStep() {
		WorkflowStatus status = finished(client(1).start("parent-of-failing", "order-2"));
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("failing").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("failing").error()).startsWith("Child workflow 'failing' (k-")
			.contains("failed at step 'fails'")
			.contains("always fails: order-2");
	}

	// ---- declarations

	@Test
	void invalidOrHugeChildNameIsRefusedQuotingAtMost200Characters() {
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("slash").step("echo").thenWorkflow("a/b"))
			.withMessageStartingWith("Workflow 'slash': thenWorkflow('a/b') may only contain letters")
			.withMessageContaining("thenWorkflow(\"charge-order\")");
		String huge = "w".repeat(20 * 1024 * 1024);
		assertThatExceptionOfType(WorkflowDefinitionException.class)
			.isThrownBy(() -> WorkflowDefinition.named("huge").step("echo").thenWorkflow(huge))
			.withMessageContaining("(20971520 characters)")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(600));
	}

	static Stream<Arguments> badDeclarations() {
		return Stream.of(
				arguments(UnknownChild.class, "Workflow 'orphan': step 'nowhere' starts workflow 'nowhere' "
						+ "(thenWorkflow), which this application does not declare"),
				arguments(SelfChild.class, "Workflows start each other in a cycle: loop -> loop"),
				arguments(TwoInACycle.class, "Workflows start each other in a cycle: ping -> pong -> ping"),
				arguments(ThreeInACycle.class, "in a cycle: a -> b -> c -> a"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badDeclarations")
	void badDeclarationFailsStartupNamingItAndTheFleetLosesNothing(Class<?> configuration, String expected) {
		CatalogueApp.runner(zookeeper).withUserConfiguration(configuration).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(CatalogueApp.messages(context.getStartupFailure())).contains(expected);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownChild {

		@Bean
		WorkflowDefinition orphan() {
			return WorkflowDefinition.named("orphan").step("echo").thenWorkflow("nowhere").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SelfChild {

		@Bean
		WorkflowDefinition loop() {
			return WorkflowDefinition.named("loop").step("echo").thenWorkflow("loop").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoInACycle {

		@Bean
		WorkflowDefinition ping() {
			return WorkflowDefinition.named("ping").step("echo").thenWorkflow("pong").build();
		}

		@Bean
		WorkflowDefinition pong() {
			return WorkflowDefinition.named("pong").thenWorkflow("ping").then("echo").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThreeInACycle {

		@Bean
		WorkflowDefinition a() {
			return WorkflowDefinition.named("a").thenWorkflow("b").build();
		}

		@Bean
		WorkflowDefinition b() {
			return WorkflowDefinition.named("b").thenWorkflow("c").build();
		}

		@Bean
		WorkflowDefinition c() {
			return WorkflowDefinition.named("c").step("echo").thenWorkflow("a").as("back").build();
		}

	}

	/** The catalogue application plus a parent whose child echoes, and one whose child fails. */
	@Configuration(proxyBeanMethods = false)
	@Import(CatalogueApp.class)
	static class App {

		@Bean
		WorkflowDefinition childEcho() {
			return WorkflowDefinition.named("child").step("echo").build();
		}

		@Bean
		WorkflowDefinition parent() {
			return WorkflowDefinition.named("parent").step("echo").thenWorkflow("child").build();
		}

		@Bean
		WorkflowDefinition failing() {
			return WorkflowDefinition.named("failing").step("fails").build();
		}

		@Bean
		WorkflowDefinition parentOfFailing() {
			return WorkflowDefinition.named("parent-of-failing").step("echo").thenWorkflow("failing").build();
		}

	}

}
