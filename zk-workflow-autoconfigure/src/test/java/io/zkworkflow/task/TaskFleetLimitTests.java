package io.zkworkflow.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code zk-workflow.tasks.limits.<name>.concurrency} across three instances, each of which
 * could run four attempts at once: never more than the fleet-wide limit run, also when an
 * instance's session expires while it holds slots.
 */
class TaskFleetLimitTests {

	private static final int LIMIT = 2;

	private static final int TASKS = 10;

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final AtomicInteger running = new AtomicInteger();

	static final AtomicInteger mostRunning = new AtomicInteger();

	static final AtomicInteger leaseLost = new AtomicInteger();

	static final CountDownLatch gate = new CountDownLatch(1);

	/** Task payload to the attempt number of its successful run. */
	static final Map<Integer, Integer> succeededOnAttempt = new ConcurrentHashMap<>();

	private static ZkInstances instances;

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void neverMoreThanTheLimitRunAcrossTheFleetEvenWhenASessionExpires() throws Exception {
		instances = TaskInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(LimitedWorker.class, "zk-workflow.tasks.limits.fleet-limited.concurrency=" + LIMIT);
		}
		TaskClient client = instances.get(0).getBean(TaskClient.class);
		for (int n = 0; n < TASKS; n++) {
			client.submit("fleet-limited", n);
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> running.get() == LIMIT);
		// the others wait for a slot: nothing more starts while the running ones hold theirs
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> running.get() == LIMIT);
		int victim = holderOfASlot();
		int victimRunning = handler(victim).mine.get();
		instances.expireSession(victim);
		// its handlers see the lease gone and stop, their slots are freed, other attempts take them
		await().atMost(Duration.ofMinutes(1)).until(() -> leaseLost.get() == victimRunning);
		await().atMost(Duration.ofMinutes(1)).until(() -> running.get() == LIMIT);
		gate.countDown();
		await().atMost(Duration.ofMinutes(2)).until(() -> succeededOnAttempt.size() == TASKS);
		assertThat(mostRunning.get()).isEqualTo(LIMIT);
		// a task that waited for a slot did not spend an attempt: only the runs whose lease was lost did
		assertThat(succeededOnAttempt.values().stream().filter((attempt) -> attempt > 1)).hasSize(victimRunning);
	}

	private static int holderOfASlot() {
		List<ConfigurableApplicationContext> all = instances.all();
		for (int i = 0; i < all.size(); i++) {
			if (handler(i).mine.get() > 0) {
				return i;
			}
		}
		throw new IllegalStateException("no instance runs an attempt");
	}

	private static LimitedHandler handler(int index) {
		return instances.get(index).getBean(LimitedHandler.class);
	}

	static class LimitedHandler {

		final AtomicInteger mine = new AtomicInteger();

		@WorkflowTask(name = "fleet-limited", concurrency = 4, maxAttempts = 10, backoff = "100ms")
		public void run(int n, TaskContext context) throws InterruptedException {
			this.mine.incrementAndGet();
			mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				// hold the slot until the test opens the gate, or stop as soon as the lease is lost
				while (!gate.await(20, TimeUnit.MILLISECONDS)) {
					if (!context.isLeaseHeld()) {
						leaseLost.incrementAndGet();
						throw new IllegalStateException("lease lost");
					}
				}
				succeededOnAttempt.put(n, context.attempt());
			}
			finally {
				running.decrementAndGet();
				this.mine.decrementAndGet();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class LimitedWorker {

		@Bean
		LimitedHandler limitedHandler() {
			return new LimitedHandler();
		}

	}

}
