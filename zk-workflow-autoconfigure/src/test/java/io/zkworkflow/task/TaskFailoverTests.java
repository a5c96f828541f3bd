package io.zkworkflow.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zkworkflow.task.internal.RunRecord;
import io.zkworkflow.task.internal.TaskCodec;
import io.zkworkflow.task.internal.TaskPaths;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers that lose their session, die, or shut down mid-task: the task runs again
 * elsewhere and commits once.
 */
class TaskFailoverTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final List<String> runs = new CopyOnWriteArrayList<>();

	static final List<TaskCompletedEvent> completions = new CopyOnWriteArrayList<>();

	static volatile CountDownLatch started = new CountDownLatch(1);

	static volatile CountDownLatch release = new CountDownLatch(1);

	private ZkInstances instances;

	@BeforeEach
	void reset() {
		runs.clear();
		completions.clear();
		started = new CountDownLatch(1);
		release = new CountDownLatch(1);
		this.instances = TaskInstances.on(zookeeper);
	}

	@AfterEach
	void close() {
		release.countDown();
		this.instances.close();
	}

	@Test
	void sessionExpiredMidTaskRunsItElsewhereAndRefusesTheOldCommit() throws Exception {
		ConfigurableApplicationContext a = start("A", "expire");
		TaskId id = a.getBean(TaskClient.class).submit("expire", "job");
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		ConfigurableApplicationContext b = start("B", "expire");
		ZkInstances.expireSession(a);
		TaskStatus status = awaitState(b, id, TaskState.SUCCEEDED);
		assertThat(status.output().asString()).isEqualTo("from-B");
		assertThat(status.attempts()).isEqualTo(2);
		release.countDown();
		MeterRegistry metersOfA = a.getBean(MeterRegistry.class);
		await().untilAsserted(() -> assertThat(metersOfA.find("zk.workflow.tasks.completed")
			.tag("outcome", "lease-lost")
			.counter()).isNotNull());
		assertThat(runs).containsExactly("A:1", "B:2");
		assertThat(completions).extracting(TaskCompletedEvent::id).containsExactly(id);
		assertThat(a.getBean(TaskClient.class).status(id).output().asString()).isEqualTo("from-B");
	}

	@Test
	void abruptlyDeadWorkerHasItsTaskRerunAfterTheSessionTimesOut() throws Exception {
		try (TcpProxy proxy = new TcpProxy(zookeeper.server().getPort())) {
			ConfigurableApplicationContext a = this.instances.startOn(proxy.connectString(), Workers.class,
					"test.role=A", "test.task-name=crash", "spring.cloud.zookeeper.max-retries=1");
			a.addApplicationListener(ApplicationListener.forPayload(TaskFailoverTests::record));
			TaskId id = a.getBean(TaskClient.class).submit("crash", "job");
			assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
			ConfigurableApplicationContext b = start("B", "crash");
			proxy.kill();
			TaskStatus status = awaitState(b, id, TaskState.SUCCEEDED);
			assertThat(status.output().asString()).isEqualTo("from-B");
			assertThat(status.attempts()).isEqualTo(2);
			assertThat(b.getBean(TaskClient.class).status(id).lastError()).isNull();
			assertThat(runs).containsExactly("A:1", "B:2");
			assertThat(completions).extracting(TaskCompletedEvent::id).containsExactly(id);
		}
	}

	@Test
	void gracefulShutdownHandsUnfinishedTasksBackAtOnce() throws Exception {
		ConfigurableApplicationContext a = start("A", "handback", "zk-workflow.tasks.shutdown-timeout=200ms",
				"spring.cloud.zookeeper.session-timeout=60s");
		TaskId id = a.getBean(TaskClient.class).submit("handback-once", "job");
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		ConfigurableApplicationContext b = start("B", "handback");
		a.close();
		// maxAttempts = 1: had the attempt been counted (lost lease), the task would be dead
		TaskStatus status = awaitState(b, id, TaskState.SUCCEEDED);
		assertThat(status.output().asString()).isEqualTo("from-B");
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(runs).containsExactly("A:1", "B:1");
		assertThat(completions).extracting(TaskCompletedEvent::id).containsExactly(id);
	}

	@Test
	void stuckLeaseIsBrokenAfterTheGraceAndTheTaskRunsAgain() throws Exception {
		String grace = "zk-workflow.tasks.stuck-lease-grace=1ms";
		ConfigurableApplicationContext a = start("A", "other", grace);
		TaskId id = a.getBean(TaskClient.class).submit("stuck", "job");
		TaskPaths paths = a.getBean(TaskPaths.class);
		TaskCodec codec = a.getBean(TaskCodec.class);
		try (CuratorFramework hung = zookeeper.newClient()) {
			// a worker whose session lives on but whose handler never ends: claimed, deadline passed
			String shard = hung.getChildren().forPath(paths.readyRoot("stuck")).get(0);
			String shardPath = paths.readyRoot("stuck") + "/" + shard;
			String node = hung.getChildren().forPath(shardPath).get(0);
			RunRecord run = new RunRecord("hung-worker", System.currentTimeMillis() - 1_000, 1, 3, 50, 1_000);
			String runPath = paths.runRoot("stuck") + "/" + shard + "/" + node;
			hung.create().creatingParentsIfNeeded().forPath(paths.runRoot("stuck") + "/" + shard);
			hung.transaction()
				.forOperations(hung.transactionOp().delete().forPath(shardPath + "/" + node),
						hung.transactionOp().create().forPath(runPath, codec.write(run)),
						hung.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(runPath + "/lease"));
			assertThat(a.getBean(TaskClient.class).status(id).state()).isEqualTo(TaskState.RUNNING);

			ConfigurableApplicationContext b = start("B", "stuck", grace);

			TaskStatus status = awaitState(b, id, TaskState.SUCCEEDED);
			assertThat(status.attempts()).isEqualTo(2);
			assertThat(runs).containsExactly("B:2");
			assertThat(hung.checkExists().forPath(runPath + "/lease")).isNull();
		}
	}

	private ConfigurableApplicationContext start(String role, String taskName, String... more) {
		String[] properties = new String[more.length + 2];
		properties[0] = "test.role=" + role;
		properties[1] = "test.task-name=" + taskName;
		System.arraycopy(more, 0, properties, 2, more.length);
		ConfigurableApplicationContext context = this.instances.start(Workers.class, properties);
		context.addApplicationListener(ApplicationListener.forPayload(TaskFailoverTests::record));
		return context;
	}

	private static void record(Object event) {
		if (event instanceof TaskCompletedEvent completed) {
			completions.add(completed);
		}
	}

	private static TaskStatus awaitState(ConfigurableApplicationContext context, TaskId id, TaskState state) {
		TaskClient client = context.getBean(TaskClient.class);
		return await().atMost(Duration.ofSeconds(60))
			.until(() -> client.status(id), (status) -> status.state() == state);
	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Worker worker(@Value("${test.role}") String role) {
			return new Worker(role);
		}

	}

	static class Worker {

		private final String role;

		Worker(String role) {
			this.role = role;
		}

		/** Instance A blocks until released; others answer at once. */
		@WorkflowTask(name = "${test.task-name}", concurrency = 1, maxAttempts = 3, backoff = "50ms")
		public String hold(String payload, TaskContext context) throws InterruptedException {
			return holdOnce(payload, context);
		}

		/** Like {@link #hold} with a single attempt: a lost lease dead-letters the task. */
		@WorkflowTask(name = "${test.task-name}-once", concurrency = 1, maxAttempts = 1)
		public String holdOnce(String payload, TaskContext context) throws InterruptedException {
			runs.add(this.role + ":" + context.attempt());
			if (this.role.equals("A")) {
				started.countDown();
				release.await();
			}
			return "from-" + this.role;
		}

	}

}
