package io.zkworkflow.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The task contract on one instance against a real ZooKeeper: outcomes, retries, dead
 * letters, timeouts, idempotency, delays, cancel and the submit limits.
 */
@ExtendWith(OutputCaptureExtension.class)
class TaskEngineTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static ConfigurableApplicationContext context;

	private static TaskClient client;

	private static final List<Object> events = Collections.synchronizedList(new ArrayList<>());

	@BeforeAll
	static void startInstance() throws Exception {
		instances = TaskInstances.on(zookeeper);
		context = instances.start(TaskHandlers.class, "zk-workflow.tasks.max-payload=1KB",
				"zk-workflow.tasks.max-pending=3", "zk-workflow.tasks.pending-count-refresh=0s");
		context.addApplicationListener(ApplicationListener.forPayload(events::add));
		client = context.getBean(TaskClient.class);
		context.getBean(CuratorFramework.class).create().forPath("/marks");
	}

	@AfterAll
	static void stopInstance() {
		instances.close();
	}

	@Test
	void runsTaskAndKeepsItsOutput() {
		TaskId id = client.submit("echo", new TaskHandlers.Order("o-1", 21));
		TaskStatus status = awaitState(id, TaskState.SUCCEEDED);
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(status.output().get("doubled").asInt()).isEqualTo(42);
		assertThat(status.output().get("token").asLong()).isPositive();
		assertThat(status.output().get("leaseHeld").asBoolean()).isTrue();
		await().until(() -> completedEvents().stream().anyMatch((event) -> event.id().equals(id)));
	}

	@Test
	void retriesWithBackoffUntilTheHandlerSucceeds() {
		TaskHandlers.flakyFailuresLeft.set(2);
		TaskHandlers.flakyAttemptTimes.clear();
		TaskId id = client.submit("flaky", "job");
		TaskStatus status = awaitState(id, TaskState.SUCCEEDED);
		assertThat(status.attempts()).isEqualTo(3);
		assertThat(status.output().asString()).isEqualTo("job-ok");
		List<Long> times = TaskHandlers.flakyAttemptTimes;
		assertThat(times).hasSize(3);
		// equal jitter: the n-th retry waits at least half of 200ms * 2^(n-1)
		assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(100);
		assertThat(times.get(2) - times.get(1)).isGreaterThanOrEqualTo(200);
	}

	@Test
	void deadLettersAfterMaxAttemptsWithTheLastError() {
		TaskId id = client.submit("always-fails", "poison");
		TaskStatus status = awaitState(id, TaskState.DEAD);
		assertThat(status.attempts()).isEqualTo(2);
		assertThat(status.lastError()).contains("IllegalArgumentException").contains("cannot process poison");
		assertThat(client.deadLetters("always-fails", 10)).extracting(DeadLetter::id).contains(id);
		await().until(() -> deadEvents().stream().anyMatch((event) -> event.id().equals(id) && event.attempts() == 2));
		assertThat(client.purgeDeadLetter(id)).isTrue();
		assertThat(client.status(id).state()).isEqualTo(TaskState.UNKNOWN);
	}

	@Test
	void retriesFromTheDeadLetters() {
		TaskHandlers.broken.set(true);
		TaskId id = client.submit("heal-later", "x");
		awaitState(id, TaskState.DEAD);
		TaskHandlers.broken.set(false);
		assertThat(client.retryDeadLetter(id)).isTrue();
		TaskStatus status = awaitState(id, TaskState.SUCCEEDED);
		assertThat(status.output().asString()).isEqualTo("healed x");
		assertThat(client.deadLetters("heal-later", 10)).extracting(DeadLetter::id).doesNotContain(id);
		assertThat(client.retryDeadLetter(id)).isFalse();
	}

	@Test
	void timeoutInterruptsTheHandlerAndFailsTheAttempt() {
		TaskId id = client.submit("slow", "x");
		TaskStatus status = awaitState(id, TaskState.DEAD);
		assertThat(TaskHandlers.slowInterrupted).isTrue();
		assertThat(status.lastError()).contains("Timed out after PT0.3S").contains("Handlers#slow(String)");
	}

	@Test
	void idempotencyKeyReturnsTheFirstTaskAndRunsItOnce() {
		TaskHandlers.countedRuns.set(0);
		TaskId first = client.submit("counted", 7, SubmitOptions.idempotencyKey("order-7"));
		TaskId second = client.submit("counted", 8, SubmitOptions.idempotencyKey("order-7"));
		assertThat(second).isEqualTo(first);
		awaitState(first, TaskState.SUCCEEDED);
		assertThat(client.submit("counted", 9, SubmitOptions.idempotencyKey("order-7"))).isEqualTo(first);
		TaskId other = client.submit("echo", new TaskHandlers.Order("o", 1), SubmitOptions.idempotencyKey("order-7"));
		assertThat(other).isNotEqualTo(first);
		assertThat(client.status(first).output().asInt()).isEqualTo(7);
		assertThat(TaskHandlers.countedRuns).hasValue(1);
	}

	@Test
	void delayedTaskWaitsUntilItIsDue() {
		Instant notBefore = Instant.now().plusMillis(1500);
		TaskId id = client.submit("delayed", "later", SubmitOptions.none().notBefore(notBefore));
		TaskStatus scheduled = client.status(id);
		assertThat(scheduled.state()).isEqualTo(TaskState.SCHEDULED);
		assertThat(scheduled.notBefore()).isEqualTo(Instant.ofEpochMilli(notBefore.toEpochMilli()));
		awaitState(id, TaskState.SUCCEEDED);
		assertThat(TaskHandlers.delayedRunTimes).allMatch((time) -> time >= notBefore.toEpochMilli());
	}

	@Test
	void cancelsPendingTasksOnly() {
		TaskId delayed = client.submit("delayed", "never", SubmitOptions.delayed(Duration.ofHours(1)));
		TaskId unserved = client.submit("cancel-me", "never");
		assertThat(client.cancel(delayed)).isTrue();
		assertThat(client.cancel(unserved)).isTrue();
		assertThat(client.status(delayed).state()).isEqualTo(TaskState.CANCELLED);
		assertThat(client.status(unserved).state()).isEqualTo(TaskState.CANCELLED);
		assertThat(client.cancel(unserved)).isFalse();
		TaskId done = client.submit("counted", 1);
		awaitState(done, TaskState.SUCCEEDED);
		assertThat(client.cancel(done)).isFalse();
	}

	@Test
	void refusesPayloadAboveTheLimit() {
		assertThatExceptionOfType(PayloadTooLargeException.class)
			.isThrownBy(() -> client.submit("echo", new TaskHandlers.Order("x".repeat(2000), 1)))
			.withMessageContaining("'echo'")
			.withMessageContaining("zk-workflow.tasks.max-payload (1024 bytes)")
			.withMessageContaining("submit a reference");
	}

	@Test
	void unbindablePayloadGoesStraightToTheDeadLetters() {
		TaskHandlers.typedRuns.set(0);
		TaskId id = client.submit("typed", Map.of("value", "not a number"));
		TaskStatus status = awaitState(id, TaskState.DEAD);
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(status.lastError()).contains("cannot be bound to").contains("Amount").contains("Handlers#typed");
		assertThat(TaskHandlers.typedRuns).hasValue(0);
	}

	@Test
	void acceptsAndCountsNamesNoInstanceServes(CapturedOutput output) {
		TaskId id = client.submit("nobody-serves", Map.of("a", 1));
		client.submit("nobody-serves", Map.of("a", 2));
		client.submit("nobody-serves", Map.of("a", 3), SubmitOptions.delayed(Duration.ofHours(1)));
		assertThat(client.status(id).state()).isEqualTo(TaskState.PENDING);
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("zk.workflow.tasks.unserved").tag("name", "nobody-serves").counter().count())
			.isEqualTo(3);
		assertThat(output.getOut().split("Task 'nobody-serves' was submitted, but no live instance serves it", -1))
			.hasSize(2);
		StatusSection section = context.getBeansOfType(StatusSection.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.sectionName().equals("tasks"))
			.findFirst()
			.orElseThrow();
		await().untilAsserted(() -> assertThat(section.snapshot().toString()).contains("nobody-serves=3")
			.contains("nobody-serves={pending=3, delayed=1, running=0")
			.contains("echo={pending="));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.submit("no/such name", 1))
			.withMessageContaining("Task name 'no/such name' may only contain");
	}

	@Test
	void refusesSubmitsAboveMaxPending() {
		for (int i = 0; i < 3; i++) {
			client.submit("backlog", i);
		}
		assertThatExceptionOfType(TooManyPendingTasksException.class).isThrownBy(() -> client.submit("backlog", 4))
			.withMessageContaining("Task 'backlog' has 3 tasks waiting")
			.withMessageContaining("zk-workflow.tasks.max-pending is 3");
	}

	@Test
	void completionContributorOpsCommitWithTheOutputAndAreRetriedOnConflict() throws Exception {
		TaskId id = client.submit("marked", "abc", SubmitOptions.none().attribute("mark", "m1"));
		awaitState(id, TaskState.SUCCEEDED);
		CuratorFramework curator = context.getBean(CuratorFramework.class);
		assertThat(new String(curator.getData().forPath("/marks/m1"))).isEqualTo("\"ABC\"");
		assertThat(TaskHandlers.contributorCalls).hasValue(2);
	}

	@Test
	void aContributorLosingSeveralRacesInARowIsAskedAgainUntilItsOpsCommit() throws Exception {
		TaskId id = client.submit("marked", "xyz",
				SubmitOptions.none().attribute("mark", "m-races").attribute("races", "6"));
		awaitState(id, TaskState.SUCCEEDED);
		CuratorFramework curator = context.getBean(CuratorFramework.class);
		assertThat(new String(curator.getData().forPath("/marks/m-races"))).isEqualTo("\"XYZ\"");
		assertThat(TaskHandlers.racingContributorCalls.get("m-races")).hasValue(7);
	}

	private static TaskStatus awaitState(TaskId id, TaskState state) {
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> client.status(id), (status) -> status.state() == state);
	}

	private static List<TaskCompletedEvent> completedEvents() {
		synchronized (events) {
			return events.stream().filter(TaskCompletedEvent.class::isInstance).map(TaskCompletedEvent.class::cast).toList();
		}
	}

	private static List<TaskDeadLetteredEvent> deadEvents() {
		synchronized (events) {
			return events.stream()
				.filter(TaskDeadLetteredEvent.class::isInstance)
				.map(TaskDeadLetteredEvent.class::cast)
				.toList();
		}
	}

}
