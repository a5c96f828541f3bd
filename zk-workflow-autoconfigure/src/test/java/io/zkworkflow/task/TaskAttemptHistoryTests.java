package io.zkworkflow.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ValueDisclosure;
import io.zkworkflow.task.internal.MemberDirectory;
import io.zkworkflow.task.internal.TaskCodec;
import io.zkworkflow.task.internal.TaskDetailReader;
import io.zkworkflow.task.internal.TaskPaths;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The attempts a task's record keeps in ZooKeeper, with three instances on one server, each its
 * own session: two work (A fails or hangs, B succeeds), the third (C) serves none of these
 * tasks and reads what the others ran.
 */
class TaskAttemptHistoryTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static volatile CountDownLatch started = new CountDownLatch(1);

	static volatile CountDownLatch release = new CountDownLatch(1);

	private ZkInstances instances;

	private ConfigurableApplicationContext reader;

	@BeforeEach
	void startReader() {
		started = new CountDownLatch(1);
		release = new CountDownLatch(1);
		this.instances = TaskInstances.on(zookeeper);
		this.reader = start("C");
	}

	@AfterEach
	void close() {
		release.countDown();
		this.instances.close();
	}

	@Test
	void aTaskThatFailsOnOneInstanceAndSucceedsOnAnotherShowsBothAttemptsOnAThird() {
		ConfigurableApplicationContext a = start("A");
		String instanceOfA = instanceId(a);
		TaskId id = a.getBean(TaskClient.class).submit("history-flaky", "job");
		await().atMost(Duration.ofSeconds(60)).until(() -> status(id).state() == TaskState.FAILED);
		a.close();
		ConfigurableApplicationContext b = start("B");

		TaskStatus done = await().atMost(Duration.ofSeconds(60))
			.until(() -> status(id), (status) -> status.state() == TaskState.SUCCEEDED);

		assertThat(done.history()).hasSize(2);
		TaskAttempt failed = done.history().get(0);
		assertThat(failed.number()).isEqualTo(1);
		assertThat(failed.instance()).isEqualTo(instanceOfA);
		assertThat(failed.outcome()).isEqualTo(TaskAttempt.Outcome.FAILED);
		assertThat(failed.errorClass()).isEqualTo(IllegalStateException.class.getName());
		assertThat(failed.errorMessage()).isEqualTo("refused on A");
		assertThat(failed.stackTrace()).startsWith(IllegalStateException.class.getName() + ": refused on A")
			.contains("at " + Worker.class.getName() + ".flaky(")
			.contains("Caused by: java.io.UncheckedIOException: disk full");
		assertThat(failed.duration()).isNotNull();
		TaskAttempt succeeded = done.history().get(1);
		assertThat(succeeded.number()).isEqualTo(2);
		assertThat(succeeded.instance()).isEqualTo(instanceId(b)).isNotEqualTo(instanceOfA);
		assertThat(succeeded.outcome()).isEqualTo(TaskAttempt.Outcome.SUCCEEDED);
		assertThat(succeeded.errorClass()).isNull();
		assertThat(succeeded.stackTrace()).isNull();
		assertThat(succeeded.startedAt()).isAfterOrEqualTo(failed.startedAt());

		Map<String, Object> detail = detailReader().read(id, ValueDisclosure.NONE);
		assertThat(detail).isNotNull();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> rows = (List<Map<String, Object>>) detail.get("history");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).containsEntry("instance", instanceOfA)
			.containsEntry("outcome", "FAILED")
			.containsEntry("error", "refused on A");
		assertThat((String) rows.get(0).get("stackTrace")).contains("Caused by:");
		assertThat(rows.get(1)).containsEntry("instance", instanceId(b)).containsEntry("outcome", "SUCCEEDED");
	}

	@Test
	void aTaskThatDeadLettersAfterManyHugeErrorsKeepsItsRecordSmallAndTheSessionsCalm() throws Exception {
		ConfigurableApplicationContext a = start("A");
		ConfigurableApplicationContext b = start("B");
		List<ConnectionState> changes = new CopyOnWriteArrayList<>();
		List<Long> sessions = new CopyOnWriteArrayList<>();
		for (ConfigurableApplicationContext context : List.of(a, b, this.reader)) {
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			sessions.add(curator.getZookeeperClient().getZooKeeper().getSessionId());
			curator.getConnectionStateListenable().addListener((client, state) -> changes.add(state));
		}
		TaskId id = a.getBean(TaskClient.class).submit("history-huge", "job");

		TaskStatus dead = await().atMost(Duration.ofSeconds(120))
			.until(() -> status(id), (status) -> status.state() == TaskState.DEAD);

		assertThat(dead.attempts()).isEqualTo(Worker.HUGE_ATTEMPTS);
		assertThat(dead.history()).hasSize(10);
		assertThat(dead.history()).extracting(TaskAttempt::number)
			.containsExactlyElementsOf(java.util.stream.IntStream
				.rangeClosed(Worker.HUGE_ATTEMPTS - 9, Worker.HUGE_ATTEMPTS).boxed().toList());
		assertThat(dead.history()).allSatisfy((attempt) -> {
			assertThat(attempt.outcome()).isEqualTo(TaskAttempt.Outcome.FAILED);
			assertThat(attempt.errorMessage()).hasSizeLessThanOrEqualTo(503).startsWith("xxxx");
		});
		assertThat(dead.history().get(9).stackTrace()).hasSizeLessThanOrEqualTo(4099).contains("x...\n\tat ");
		Stat stat = new Stat();
		TaskPaths paths = this.reader.getBean(TaskPaths.class);
		this.reader.getBean(CuratorFramework.class).getData().storingStatIn(stat).forPath(paths.deadRoot(id.name()) + "/" + id.uid());
		assertThat(stat.getDataLength()).as("bytes of the dead letter").isLessThan(24 * 1024);
		DeadLetter letter = this.reader.getBean(TaskClient.class)
			.deadLetters("history-huge", 10)
			.stream()
			.filter((candidate) -> candidate.id().equals(id))
			.findFirst()
			.orElseThrow();
		assertThat(letter.history()).isEqualTo(dead.history());
		assertThat(changes).isEmpty();
		for (int i = 0; i < 3; i++) {
			assertThat(List.of(a, b, this.reader).get(i).getBean(CuratorFramework.class).getZookeeperClient()
				.getZooKeeper().getSessionId()).isEqualTo(sessions.get(i));
		}
	}

	@Test
	void theAttemptOfAWorkerWhoseSessionWasKilledShowsAsLeaseLost() throws Exception {
		ConfigurableApplicationContext a = start("A");
		String instanceOfA = instanceId(a);
		TaskId id = a.getBean(TaskClient.class).submit("history-hang", "job");
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		ConfigurableApplicationContext b = start("B");
		ZkInstances.expireSession(a);

		TaskStatus done = await().atMost(Duration.ofSeconds(60))
			.until(() -> status(id), (status) -> status.state() == TaskState.SUCCEEDED);

		assertThat(done.history()).extracting(TaskAttempt::outcome)
			.containsExactly(TaskAttempt.Outcome.LEASE_LOST, TaskAttempt.Outcome.SUCCEEDED);
		TaskAttempt lost = done.history().get(0);
		assertThat(lost.number()).isEqualTo(1);
		assertThat(lost.instance()).isEqualTo(instanceOfA);
		assertThat(lost.duration()).isNull();
		assertThat(lost.fencingToken()).isNotNull().isPositive();
		assertThat(lost.errorMessage()).contains("lease of attempt 1 was lost");
		assertThat(done.history().get(1).instance()).isEqualTo(instanceId(b));
	}

	private TaskStatus status(TaskId id) {
		return this.reader.getBean(TaskClient.class).status(id);
	}

	private TaskDetailReader detailReader() {
		return new TaskDetailReader(this.reader.getBean(CuratorFramework.class), this.reader.getBean(TaskPaths.class),
				this.reader.getBean(TaskCodec.class));
	}

	private static String instanceId(ConfigurableApplicationContext context) {
		return context.getBean(MemberDirectory.class).instanceId();
	}

	private ConfigurableApplicationContext start(String role) {
		String served = role.equals("C") ? "history-none" : "history";
		return this.instances.start(Workers.class, "test.role=" + role, "test.prefix=" + served);
	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		@Bean
		Worker worker(@Value("${test.role}") String role) {
			return new Worker(role);
		}

	}

	static class Worker {

		static final int HUGE_ATTEMPTS = 25;

		private final String role;

		Worker(String role) {
			this.role = role;
		}

		/** A refuses with a cause; B succeeds. The backoff outlasts closing A. */
		@WorkflowTask(name = "${test.prefix}-flaky", maxAttempts = 5, backoff = "3s")
		public String flaky(String payload) {
			if (this.role.equals("A")) {
				throw new IllegalStateException("refused on " + this.role,
						new java.io.UncheckedIOException("disk full", new java.io.IOException("no space")));
			}
			return "from-" + this.role;
		}

		/** Every attempt throws an error whose message is a megabyte. */
		@WorkflowTask(name = "${test.prefix}-huge", maxAttempts = HUGE_ATTEMPTS, backoff = "10ms",
				maxBackoff = "20ms")
		public String huge(String payload) {
			throw new IllegalArgumentException("x".repeat(1024 * 1024));
		}

		/** A hangs until released; B answers at once. */
		@WorkflowTask(name = "${test.prefix}-hang", concurrency = 1, maxAttempts = 3, backoff = "50ms")
		public String hang(String payload) throws InterruptedException {
			if (this.role.equals("A")) {
				started.countDown();
				release.await();
			}
			return "from-" + this.role;
		}

	}

}
