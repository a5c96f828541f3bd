package io.zkworkflow.task;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A claiming thread keeps its fleet-wide slot across back-to-back attempts: three instances
 * (four handler threads each) share a limit of two. Under a backlog the slots are written once
 * per busy period, not once per attempt; and after one instance's session is expired while its
 * threads hold slots, those threads do not run on the slots of their old session: the fleet
 * still never runs more than two attempts at once.
 */
class TaskFleetLimitSlotReuseTests {

	private static final int LIMIT = 2;

	private static final int BACKLOG = 40;

	private static final int HELD = 6;

	private static final String SLOTS = "/zk-workflow/tasks/slot-reuse/slots";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final AtomicInteger running = new AtomicInteger();

	static final AtomicInteger mostRunning = new AtomicInteger();

	static final AtomicInteger leaseLost = new AtomicInteger();

	/** Holds the first attempts of the backlog until every task of it is queued. */
	static final CountDownLatch backlogQueued = new CountDownLatch(1);

	/** Holds the attempts of the second batch until the test has expired a session. */
	static final CountDownLatch expired = new CountDownLatch(1);

	static final Set<Integer> succeeded = ConcurrentHashMap.newKeySet();

	private static ZkInstances instances;

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void keptSlotsAreWrittenOncePerBusyPeriodAndNeverOutliveTheirSession() throws Exception {
		instances = TaskInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(ReuseWorker.class, "zk-workflow.tasks.limits.slot-reuse.concurrency=" + LIMIT);
		}
		TaskClient client = instances.get(0).getBean(TaskClient.class);
		for (int n = 0; n < BACKLOG; n++) {
			client.submit("slot-reuse", n);
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> running.get() == LIMIT);
		int slotWritesBefore = slotWrites();
		backlogQueued.countDown();
		await().atMost(Duration.ofMinutes(1)).until(() -> succeeded.size() == BACKLOG);
		// each create and each delete of a slot adds one to the parent's cversion: the two
		// holders ran the backlog back to back on the slots they had, instead of two writes an attempt
		assertThat(slotWrites() - slotWritesBefore).isLessThan(BACKLOG / 2);

		for (int n = BACKLOG; n < BACKLOG + HELD; n++) {
			client.submit("slot-reuse", n);
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> running.get() == LIMIT);
		int victim = holderOfASlot();
		int victimRunning = handler(victim).mine.get();
		instances.expireSession(victim);
		await().atMost(Duration.ofMinutes(1)).until(() -> leaseLost.get() >= victimRunning);
		// the freed slots are taken again (by the others, or by the victim's new session), and the
		// victim's threads, whose slots went with the old session, wait for a slot like everyone
		await().atMost(Duration.ofMinutes(1)).until(() -> running.get() == LIMIT);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> running.get() == LIMIT);
		expired.countDown();
		await().atMost(Duration.ofMinutes(2)).until(() -> succeeded.size() == BACKLOG + HELD);
		assertThat(mostRunning.get()).isEqualTo(LIMIT);
		// only the attempts running at the expiry lost their lease: none was claimed on a slot of the old session
		assertThat(leaseLost.get()).isEqualTo(victimRunning);
	}

	private static int slotWrites() throws Exception {
		CuratorFramework reader = zookeeper.newClient();
		Stat stat = reader.checkExists().forPath(SLOTS);
		assertThat(stat).as(SLOTS).isNotNull();
		return stat.getCversion();
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

	private static ReuseHandler handler(int index) {
		return instances.get(index).getBean(ReuseHandler.class);
	}

	static class ReuseHandler {

		final AtomicInteger mine = new AtomicInteger();

		@WorkflowTask(name = "slot-reuse", concurrency = 4, maxAttempts = 10, backoff = "100ms")
		public void run(int n, TaskContext context) throws InterruptedException {
			this.mine.incrementAndGet();
			mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				CountDownLatch gate = (n < BACKLOG) ? backlogQueued : expired;
				// wait for the test's go, or stop as soon as the lease is lost
				while (!gate.await(5, TimeUnit.MILLISECONDS)) {
					if (!context.isLeaseHeld()) {
						leaseLost.incrementAndGet();
						throw new IllegalStateException("lease lost");
					}
				}
				succeeded.add(n);
			}
			finally {
				running.decrementAndGet();
				this.mine.decrementAndGet();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReuseWorker {

		@Bean
		ReuseHandler reuseHandler() {
			return new ReuseHandler();
		}

	}

}
