package io.zkworkflow.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker whose session has no room left for another lease stops claiming, and resumes once
 * leases end: never more claims at once than the ephemeral budget allows, and nothing is lost.
 * Each claiming thread holds room for one lease while it waits for a task.
 */
class TaskClaimBudgetTests {

	private static final int TASKS = 12;

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void claimsPauseAtTheBudgetAndResumeWhenLeasesEnd() {
		try (ZkInstances instances = TaskInstances.on(zookeeper)) {
			ConfigurableApplicationContext instance = instances.start(Handler.class,
					"zk-workflow.ephemeral-budget.max-count=4");
			Handler handler = instance.getBean(Handler.class);
			EphemeralBudget budget = instance.getBean(EphemeralBudget.class);
			TaskClient tasks = instance.getBean(TaskClient.class);
			List<TaskId> ids = new ArrayList<>();
			for (int i = 0; i < TASKS; i++) {
				ids.add(tasks.submit("budgeted", i));
			}
			await().atMost(Duration.ofSeconds(60))
				.until(() -> ids.stream().allMatch((id) -> tasks.status(id).state() == TaskState.SUCCEEDED));
			// eight claiming threads, but four nodes in all, one of them the member node
			assertThat(handler.maxRunning.get()).as("claims at once").isBetween(1, 3);
			assertThat(handler.runs).hasValue(TASKS);
			assertThat(budget.usage().count()).isLessThanOrEqualTo(4);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Handler {

		final AtomicInteger running = new AtomicInteger();

		final AtomicInteger maxRunning = new AtomicInteger();

		final AtomicInteger runs = new AtomicInteger();

		@Bean
		Handler.Worker worker() {
			return new Worker(this);
		}

		static class Worker {

			private final Handler handler;

			Worker(Handler handler) {
				this.handler = handler;
			}

			@WorkflowTask(name = "budgeted", concurrency = 8)
			public void run(int item) throws InterruptedException {
				int now = this.handler.running.incrementAndGet();
				this.handler.maxRunning.accumulateAndGet(now, Math::max);
				try {
					Thread.sleep(100);
				}
				finally {
					this.handler.running.decrementAndGet();
					this.handler.runs.incrementAndGet();
				}
			}

		}

	}

}
