package io.zkworkflow.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code zk-workflow.tasks.limits.<name>.rate} across three instances, each of which could run
 * four attempts at once: the handlers' starts never exceed the rate in any period, also when
 * an instance's session expires while it runs an attempt, and a task that waits for a permit
 * spends no attempt.
 */
class TaskFleetRateTests {

	private static final int PERMITS = 4;

	private static final Duration PERIOD = Duration.ofSeconds(2);

	/**
	 * The documented precision: the limit holds for permits, and a handler starts one claim
	 * after its permit; on a busy machine claims take up to a few hundred milliseconds more
	 * or less.
	 */
	private static final long CLAIM_JITTER_MILLIS = 400;

	private static final int TASKS = 24;

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	/** When each handler run started, by this JVM's clock (every instance shares it). */
	static final Queue<Long> starts = new ConcurrentLinkedQueue<>();

	static final AtomicInteger leaseLost = new AtomicInteger();

	/** Task payload to the attempt number of its successful run. */
	static final Map<Integer, Integer> succeededOnAttempt = new ConcurrentHashMap<>();

	private static ZkInstances instances;

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void startsNeverExceedTheRateInAnyPeriodEvenWhenASessionExpires() throws Exception {
		instances = TaskInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(RatedWorker.class, "zk-workflow.tasks.limits.fleet-rated.rate=" + PERMITS + "/2s");
		}
		TaskClient client = instances.get(0).getBean(TaskClient.class);
		for (int n = 0; n < TASKS; n++) {
			client.submit("fleet-rated", n);
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> starts.size() >= PERMITS + 2);
		int victim = await().atMost(Duration.ofMinutes(1)).until(TaskFleetRateTests::runningInstance, (i) -> i >= 0);
		instances.expireSession(victim);
		await().atMost(Duration.ofMinutes(1)).until(() -> leaseLost.get() > 0);
		await().atMost(Duration.ofMinutes(2)).until(() -> succeededOnAttempt.size() == TASKS);

		List<Long> sorted = new ArrayList<>(starts);
		sorted.sort(null);
		assertThat(sorted).hasSize(TASKS + leaseLost.get());
		for (int i = 0; i + PERMITS < sorted.size(); i++) {
			// the start PERMITS later than this one lies at least one period (less the claim jitter) after it
			assertThat(sorted.get(i + PERMITS) - sorted.get(i)).as("starts %d and %d", i, i + PERMITS)
				.isGreaterThanOrEqualTo(PERIOD.toMillis() - CLAIM_JITTER_MILLIS);
		}
		// waiting for a permit spent no attempt: only the runs whose lease was lost did
		assertThat(succeededOnAttempt.values().stream().filter((attempt) -> attempt > 1)).hasSize(leaseLost.get());
	}

	private static int runningInstance() {
		for (int i = 0; i < instances.all().size(); i++) {
			if (instances.get(i).getBean(RatedHandler.class).mine.get() > 0) {
				return i;
			}
		}
		return -1;
	}

	static class RatedHandler {

		final AtomicInteger mine = new AtomicInteger();

		@WorkflowTask(name = "fleet-rated", concurrency = 4, maxAttempts = 10, backoff = "100ms")
		public void run(int n, TaskContext context) throws InterruptedException {
			starts.add(System.currentTimeMillis());
			this.mine.incrementAndGet();
			try {
				// run long enough to be caught by the session expiry, and stop once the lease is lost
				boolean lost;
				try {
					lost = await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20))
						.atMost(Duration.ofMillis(1500)).until(() -> !context.isLeaseHeld(), (gone) -> gone);
				}
				catch (ConditionTimeoutException ex) {
					lost = false;
				}
				if (lost) {
					leaseLost.incrementAndGet();
					throw new IllegalStateException("lease lost");
				}
				succeededOnAttempt.put(n, context.attempt());
			}
			finally {
				this.mine.decrementAndGet();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RatedWorker {

		@Bean
		RatedHandler ratedHandler() {
			return new RatedHandler();
		}

	}

}
