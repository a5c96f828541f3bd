package io.zkworkflow.catalogue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.SignalDelivery;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.UnknownWorkflowException;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowSignalException;
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

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Catalogue, signals and timers: bad signals, bad {@code waitFor}/{@code onTimeout}
 * declarations and {@code until} functions that fail, against three running instances of one
 * fleet. Each test asserts the error names the problem; {@link #nothingLost} then proves that a
 * task submitted before completes, every instance still works and no session was disturbed.
 */
class SignalBadInputTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final List<ConfigurableApplicationContext> fleet = new ArrayList<>();

	private static final List<List<ConnectionState>> connectionStates = new ArrayList<>();

	private static final CountDownLatch releaseHold = new CountDownLatch(1);

	private TaskId before;

	@BeforeAll
	static void start() {
		for (int i = 0; i < 3; i++) {
			ConfigurableApplicationContext instance = CatalogueApp.start(zookeeper, App.class,
					"management.endpoints.web.exposure.include=zkworkflow",
					"management.endpoint.zkworkflow.access=unrestricted");
			fleet.add(instance);
			connectionStates.add(CatalogueApp.recordConnectionStates(instance));
		}
	}

	@AfterAll
	static void stop() {
		releaseHold.countDown();
		fleet.forEach(ConfigurableApplicationContext::close);
	}

	@BeforeEach
	void submitWorkBeforeTheBadCall() {
		this.before = fleet.get(0).getBean(TaskClient.class).submit("echo", "submitted before");
	}

	@AfterEach
	void nothingLost() {
		TaskClient tasks = fleet.get(1).getBean(TaskClient.class);
		assertThat(CatalogueApp.awaitState(tasks, this.before, TaskState.SUCCEEDED).output().asString())
			.isEqualTo("submitted before");
		fleet.forEach(CatalogueApp::assertWorking);
		connectionStates.forEach((states) -> assertThat(states).as("connection state changes").isEmpty());
	}

	private static WorkflowClient client(int index) {
		return fleet.get(index).getBean(WorkflowClient.class);
	}

	private static WorkflowId waiting() {
		WorkflowId id = client(0).start("checkout", "order-1");
		await().until(() -> client(0).status(id).step("paid").state() == StepState.RUNNING);
		return id;
	}

	// ---- signals

	@Test
	void signalToAnUnknownWorkflowNamesItAndSendsNothing() {
		assertThatExceptionOfType(UnknownWorkflowException.class)
			.isThrownBy(() -> client(1).signal(new WorkflowId("w-unknown"), "paid", "x"))
			.withMessageContaining("No workflow w-unknown in ZooKeeper")
			.withMessageContaining("signal 'paid' was not sent");
	}

	@Test
	void signalToAFinishedWorkflowIsRefusedNamingItsState() {
		WorkflowId id = waiting();
		assertThat(client(1).signal(id, "paid", "card")).isEqualTo(SignalDelivery.DELIVERED);
		await().until(() -> client(2).status(id).state() == WorkflowState.COMPLETED);
		assertThatExceptionOfType(WorkflowSignalException.class).isThrownBy(() -> client(2).signal(id, "paid", "card"))
			.withMessageContaining("('checkout') has ended COMPLETED and accepts no signals");
	}

	@Test
	void unknownSignalNameIsRefusedListingTheKnownOnes() {
		WorkflowId id = waiting();
		assertThatExceptionOfType(WorkflowSignalException.class).isThrownBy(() -> client(1).signal(id, "shipped", "x"))
			.withMessageContaining("waits for no signal named 'shipped'; it waits for [paid]");
		assertThat(client(2).signal(id, "paid", "card")).isEqualTo(SignalDelivery.DELIVERED);
	}

	@Test
	void invalidOrHugeSignalNameIsRefusedBeforeZooKeeper() {
		WorkflowId id = waiting();
		assertThatExceptionOfType(WorkflowSignalException.class).isThrownBy(() -> client(1).signal(id, "a/b", "x"))
			.withMessageContaining("Signal name 'a/b' may only contain");
		String huge = "s".repeat(20 * 1024 * 1024);
		assertThatExceptionOfType(WorkflowSignalException.class).isThrownBy(() -> client(1).signal(id, huge, "x"))
			.withMessageContaining("(20971520 characters)")
			.withMessageContaining("must be at most 200 characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(600));
		assertThat(client(2).signal(id, "paid", "card")).isEqualTo(SignalDelivery.DELIVERED);
	}

	@Test
	void payloadOfTwoMegabytesIsRefusedNamingTheLimit() {
		WorkflowId id = waiting();
		assertThatExceptionOfType(WorkflowSignalException.class)
			.isThrownBy(() -> client(1).signal(id, "paid", "x".repeat(2 * 1024 * 1024)))
			.withMessageContaining("The payload of signal 'paid' is")
			.withMessageContaining("above zk-workflow.workflows.max-output")
			.withMessageContaining("signal a reference");
		assertThat(client(0).status(id).step("paid").state()).isEqualTo(StepState.RUNNING);
		assertThat(client(2).signal(id, "paid", "card")).isEqualTo(SignalDelivery.DELIVERED);
	}

	@Test
	void unwritablePayloadIsRefusedNamingItsType() {
		WorkflowId id = waiting();
		assertThatExceptionOfType(WorkflowSignalException.class)
			.isThrownBy(() -> client(1).signal(id, "paid", new RuntimeBadInputTests.Unwritable()))
			.withMessageContaining("The payload of signal 'paid' (" + RuntimeBadInputTests.Unwritable.class.getName())
			.withMessageContaining("cannot be written as JSON");
		assertThat(client(2).signal(id, "paid", "card")).isEqualTo(SignalDelivery.DELIVERED);
	}

	@Test
	void signalAfterTheTimeoutIsRefusedSayingTheWaitTimedOut() {
		WorkflowId id = client(0).start("quick-checkout", "order-2");
		await().until(() -> client(0).status(id).step("hold").state() == StepState.RUNNING);
		assertThatExceptionOfType(WorkflowSignalException.class)
			.isThrownBy(() -> client(1).signal(id, "quick-paid", "card"))
			.withMessageContaining("no longer waits for signal 'quick-paid'")
			.withMessageContaining("timed out at")
			.withMessageContaining("was not applied");
		releaseHold.countDown();
		WorkflowStatus status = await().until(() -> client(2).status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("ship").state()).isEqualTo(StepState.SKIPPED);
	}

	// ---- the actuator's workflows/signal

	@Test
	void actuatorSignalDeliversThePayloadGivenAsJson() {
		WorkflowId id = waiting();
		var response = fleet.get(2).getBean(ZkWorkflowEndpoint.class)
			.operate(SecurityContext.NONE, "workflows", "signal", id.value(), "paid", "{\"card\": \"visa\"}");
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getBody()).asString().contains("delivery=DELIVERED");
		WorkflowStatus status = await().until(() -> client(1).status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.step("paid").output().get("card").asString()).isEqualTo("visa");
	}

	static Stream<Arguments> badActuatorSignals() {
		return Stream.of(arguments("w-unknown", "paid", "1", "No workflow w-unknown in ZooKeeper"),
				arguments(null, "paid", "1", "workflows/signal needs the workflow id and the signal's name"),
				arguments("w-unknown", null, "1", "workflows/signal needs the workflow id and the signal's name"),
				arguments("w-unknown", "paid", "{not json", "is not JSON"),
				arguments("w-unknown", "a/b", "1", "Signal name 'a/b' may only contain"));
	}

	@ParameterizedTest(name = "id={0} key={1} value={2}")
	@MethodSource("badActuatorSignals")
	void badActuatorSignalIs400NamingTheProblem(String id, String key, String value, String expected) {
		var response = fleet.get(1).getBean(ZkWorkflowEndpoint.class)
			.operate(SecurityContext.NONE, "workflows", "signal", id, key, value);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).asString().contains(expected);
	}

	// ---- until functions

	@Test
	void untilFunctionReturningNullFailsTheStepNamingIt() {
		WorkflowId id = client(0).start("remind-null", "x");
		WorkflowStatus status = await().until(() -> client(1).status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("until").error()).contains("the until() function of step 'until' returned null")
			.contains("return the Instant");
	}

	@Test
	void untilFunctionThatThrowsFailsTheStepNamingItAndThePayload() {
		WorkflowId id = client(0).start("remind-throws", "no date here");
		WorkflowStatus status = await().until(() -> client(1).status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("until").error()).contains("the until() function of step 'until' threw")
			.contains("'\"no date here\"'");
	}

	// ---- declarations

	static Stream<Arguments> badDeclarations() {
		return Stream.of(arguments(ZeroTimeout.class, "Workflow 'zero': waitFor('paid', PT0S) needs a positive timeout"),
				arguments(OnTimeoutAlone.class, "Workflow 'stray': onTimeout('expire') must follow waitFor"),
				arguments(TwoWaitsOneSignal.class, "Workflow 'twice-paid': steps 'paid-first' and 'paid' both wait "
						+ "for signal 'paid'"),
				arguments(SameWaitTwice.class, "Workflow 'same-wait': waitFor('paid') is declared twice"),
				arguments(SlashInSignal.class, "Workflow 'slash': step name 'a/b' may only contain"));
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
	static class ZeroTimeout {

		@Bean
		WorkflowDefinition zero() {
			return WorkflowDefinition.named("zero").step("echo").waitFor("paid", Duration.ZERO).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OnTimeoutAlone {

		@Bean
		WorkflowDefinition stray() {
			return WorkflowDefinition.named("stray").step("echo").onTimeout("expire").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoWaitsOneSignal {

		@Bean
		WorkflowDefinition twicePaid() {
			return WorkflowDefinition.named("twice-paid")
				.step("echo")
				.waitFor("paid", Duration.ofHours(1))
				.as("paid-first")
				.waitFor("paid", Duration.ofHours(1))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SameWaitTwice {

		@Bean
		WorkflowDefinition sameWait() {
			return WorkflowDefinition.named("same-wait")
				.step("echo")
				.waitFor("paid", Duration.ofHours(1))
				.waitFor("paid", Duration.ofHours(2))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlashInSignal {

		@Bean
		WorkflowDefinition slash() {
			return WorkflowDefinition.named("slash").step("echo").waitFor("a/b", Duration.ofHours(1)).build();
		}

	}

	/** The catalogue application plus workflows that wait for signals and instants. */
	@Configuration(proxyBeanMethods = false)
	@Import(CatalogueApp.class)
	static class App {

		@Bean
		WorkflowDefinition checkout() {
			return WorkflowDefinition.named("checkout").step("echo").waitFor("paid", Duration.ofHours(1)).build();
		}

		@Bean
		WorkflowDefinition quickCheckout() {
			return WorkflowDefinition.named("quick-checkout")
				.step("echo")
				.waitFor("quick-paid", Duration.ofMillis(200))
				.onTimeout("hold")
				.then("ship")
				.build();
		}

		@Bean
		WorkflowDefinition remindNull() {
			return WorkflowDefinition.named("remind-null").step("echo").until((payload) -> null).then("ship").build();
		}

		@Bean
		WorkflowDefinition remindThrows() {
			return WorkflowDefinition.named("remind-throws")
				.step("echo")
				.until((payload) -> Instant.parse(payload.asString()))
				.then("ship")
				.build();
		}

		@Bean
		SignalHandlers signalHandlers() {
			return new SignalHandlers();
		}

	}

	/** A timeout branch that holds until the test lets it go, and a step after a wait. */
	static class SignalHandlers {

		@WorkflowTask(name = "hold")
		public String hold(String order) throws InterruptedException {
			releaseHold.await(30, TimeUnit.SECONDS);
			return "held " + order;
		}

		@WorkflowTask(name = "ship")
		public String ship(Object payload) {
			return "shipped";
		}

	}

}
