package io.zkworkflow.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.task.internal.TaskEngine;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing a worker's context while its handler runs, as Spring Boot's shutdown hook does: the
 * handler gets {@code spring.lifecycle.timeout-per-shutdown-phase} to finish and commit;
 * after that its task is handed back and another instance runs it at once. Either way the
 * task commits exactly once.
 */
class TaskGracefulShutdownTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final List<String> runs = new CopyOnWriteArrayList<>();

	static final List<TaskCompletedEvent> completions = new CopyOnWriteArrayList<>();

	static volatile CountDownLatch started = new CountDownLatch(1);

	static volatile CountDownLatch release = new CountDownLatch(1);

	// A's session outlives every wait here: only a hand-back lets B run A's task in time
	private final ZkInstances instances = TaskInstances.on(zookeeper)
		.sources(BootLifecycle.class)
		.properties("spring.cloud.zookeeper.session-timeout=60s");

	@BeforeEach
	void reset() {
		runs.clear();
		completions.clear();
		started = new CountDownLatch(1);
		release = new CountDownLatch(1);
	}

	@AfterEach
	void close() {
		release.countDown();
		this.instances.close();
	}

	@Test
	void aHandlerThatFinishesWithinThePhaseTimeoutCommitsOnTheClosingInstance() throws Exception {
		ConfigurableApplicationContext a = start("A", "spring.lifecycle.timeout-per-shutdown-phase=30s");
		TaskId id = a.getBean(TaskClient.class).submit("slow", "job");
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		// B joins once A runs the task, so that A is the one that claimed it
		ConfigurableApplicationContext b = start("B", "spring.lifecycle.timeout-per-shutdown-phase=30s");
		TaskEngine engineOfA = a.getBean(TaskEngine.class);

		CompletableFuture<Void> closing = CompletableFuture.runAsync(a::close);
		await().until(() -> !engineOfA.isRunning());
		// A stops claiming but waits for its handler, still holding the lease
		assertThat(closing).isNotDone();
		assertThat(b.getBean(TaskClient.class).status(id).state()).isEqualTo(TaskState.RUNNING);
		release.countDown();
		closing.get(30, TimeUnit.SECONDS);

		TaskStatus status = b.getBean(TaskClient.class).status(id);
		assertThat(status.state()).isEqualTo(TaskState.SUCCEEDED);
		assertThat(status.output().asString()).isEqualTo("from-A");
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(runs).containsExactly("A:1");
		assertThat(completions).extracting(TaskCompletedEvent::id).containsExactly(id);
	}

	@Test
	void aHandlerStillRunningAfterThePhaseTimeoutIsHandedBackAndRunsOnceElsewhere() throws Exception {
		// a shutdown timeout far beyond the phase timeout is cut to it: Boot would not wait longer
		ConfigurableApplicationContext a = start("A", "spring.lifecycle.timeout-per-shutdown-phase=1s",
				"zk-workflow.tasks.shutdown-timeout=10m");
		TaskId id = a.getBean(TaskClient.class).submit("slow", "job");
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		ConfigurableApplicationContext b = start("B");

		a.close();

		// well within A's session timeout: the lease was handed back, not left to expire
		TaskClient client = b.getBean(TaskClient.class);
		TaskStatus status = await().atMost(Duration.ofSeconds(20))
			.until(() -> client.status(id), (current) -> current.state() == TaskState.SUCCEEDED);
		assertThat(status.output().asString()).isEqualTo("from-B");
		// maxAttempts = 1: a counted attempt would have dead-lettered the task
		assertThat(status.attempts()).isEqualTo(1);
		assertThat(runs).containsExactly("A:1", "B:1");
		assertThat(completions).extracting(TaskCompletedEvent::id).containsExactly(id);
	}

	private ConfigurableApplicationContext start(String role, String... more) {
		String[] properties = new String[more.length + 1];
		properties[0] = "test.role=" + role;
		System.arraycopy(more, 0, properties, 1, more.length);
		ConfigurableApplicationContext context = this.instances.start(SlowWorkers.class, properties);
		context.addApplicationListener(ApplicationListener.forPayload((event) -> {
			if (event instanceof TaskCompletedEvent completed) {
				completions.add(completed);
			}
		}));
		return context;
	}

	@ImportAutoConfiguration(LifecycleAutoConfiguration.class)
	static class BootLifecycle {

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowWorkers {

		@Bean
		SlowWorker slowWorker(@Value("${test.role}") String role) {
			return new SlowWorker(role);
		}

	}

	static class SlowWorker {

		private final String role;

		SlowWorker(String role) {
			this.role = role;
		}

		/** On instance A, runs until released (or interrupted by a hand-back); elsewhere at once. */
		@WorkflowTask(name = "slow", concurrency = 1, maxAttempts = 1)
		public String slow(String payload, TaskContext context) throws InterruptedException {
			runs.add(this.role + ":" + context.attempt());
			if (this.role.equals("A")) {
				started.countDown();
				release.await();
			}
			return "from-" + this.role;
		}

	}

}
