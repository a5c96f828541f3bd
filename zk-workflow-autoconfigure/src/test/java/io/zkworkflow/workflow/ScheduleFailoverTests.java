package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zkworkflow.task.CoordinatorDuty;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.task.internal.TaskEngine;
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
 * Cron every second for about 30 seconds on three instances, while the coordinator stalls
 * and then loses its session, twice: no tick fires twice, a task schedule with the default
 * SKIP policy drops the ticks missed in each stall, and a workflow schedule with FIRE_ONCE
 * fires the latest missed tick of each stall once.
 */
class ScheduleFailoverTests {

	private static final Duration THRESHOLD = Duration.ofSeconds(1);

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final ZkInstances instances = WorkflowInstances.on(zookeeper);

	/** Fire time to the distinct task ids that ran it, per schedule. */
	static final Map<Instant, Set<String>> taskFires = new ConcurrentHashMap<>();

	static final Map<Instant, Set<String>> workflowFires = new ConcurrentHashMap<>();

	static final Map<Instant, ScheduledFire> taskPayloads = new ConcurrentHashMap<>();

	static final Map<Instant, ScheduledFire> workflowPayloads = new ConcurrentHashMap<>();

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void firesEveryTickAtMostOnceThroughCoordinatorLossAndAppliesTheMisfirePolicy() throws Exception {
		for (int i = 0; i < 3; i++) {
			instances.start(CronApp.class, "zk-workflow.schedules.misfire-threshold=" + THRESHOLD.toMillis() + "ms");
		}
		Instant begin = Instant.now();
		await().atMost(Duration.ofSeconds(10)).until(() -> taskFires.size() >= 3 && workflowFires.size() >= 3);
		List<Instant> stalls = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			ConfigurableApplicationContext leader = await().atMost(Duration.ofSeconds(10))
				.until(ScheduleFailoverTests::leader, (found) -> found != null);
			StallingDuty stall = leader.getBean(StallingDuty.class);
			stall.engage();
			await().atMost(Duration.ofSeconds(5)).until(stall::isStalling);
			Instant stalledAt = Instant.now();
			stalls.add(stalledAt);
			await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(stalledAt.plusMillis(3200)));
			ZkInstances.expireSession(leader);
			stall.release();
			Instant killedAt = Instant.now();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> taskFires.keySet().stream().anyMatch((tick) -> tick.isAfter(killedAt.plusSeconds(2))));
		}
		Instant end = begin.plusSeconds(30);
		await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(end));

		// at most once: one task / one workflow per tick, whichever coordinator fired it
		assertThat(taskFires.values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));
		assertThat(workflowFires.values()).allSatisfy((ids) -> assertThat(ids).hasSize(1));

		// SKIP (the default): nothing late is fired, and ticks of each stall are missing
		assertThat(taskPayloads.values()).allSatisfy((fire) -> {
			assertThat(fire.late()).isFalse();
			assertThat(Duration.between(fire.fireTime(), fire.firedAt())).isLessThanOrEqualTo(THRESHOLD);
		});
		List<List<Instant>> taskGaps = gaps(taskPayloads);
		assertThat(taskGaps).as("ticks skipped in the two stalls").hasSizeGreaterThanOrEqualTo(2);
		assertThat(taskGaps).allSatisfy((gap) -> assertThat(gap).allSatisfy(
				(tick) -> assertThat(taskPayloads).doesNotContainKey(tick)));
		for (Instant stalledAt : stalls) {
			assertThat(taskGaps).anySatisfy((gap) -> assertThat(gap.get(0)).isBetween(stalledAt.minusSeconds(2),
					stalledAt.plusSeconds(2)));
		}

		// FIRE_ONCE: each gap fires at most one tick, late, and it is the gap's latest tick
		List<List<Instant>> workflowGaps = gaps(workflowPayloads);
		int lateFires = 0;
		for (List<Instant> gap : workflowGaps) {
			List<Instant> fired = gap.stream().filter(workflowPayloads::containsKey).toList();
			assertThat(fired).hasSizeLessThanOrEqualTo(1);
			if (!fired.isEmpty()) {
				assertThat(fired.get(0)).isEqualTo(gap.get(gap.size() - 1));
				assertThat(workflowPayloads.get(fired.get(0)).late()).isTrue();
				lateFires++;
			}
		}
		assertThat(lateFires).as("one late fire per stall").isGreaterThanOrEqualTo(2);
		assertThat(workflowPayloads.values().stream().filter(ScheduledFire::late)).hasSize(lateFires);
	}

	private static ConfigurableApplicationContext leader() {
		return instances.all()
			.stream()
			.filter((context) -> context.getBean(TaskEngine.class).isCoordinator())
			.findFirst()
			.orElse(null);
	}

	/**
	 * Runs of consecutive one-second ticks, between the first and last fire, that were not
	 * fired on time (not fired, or fired late).
	 */
	private static List<List<Instant>> gaps(Map<Instant, ScheduledFire> fires) {
		TreeMap<Instant, ScheduledFire> sorted = new TreeMap<>(fires);
		List<List<Instant>> gaps = new ArrayList<>();
		List<Instant> current = new ArrayList<>();
		for (Instant tick = sorted.firstKey(); !tick.isAfter(sorted.lastKey()); tick = tick.plus(1, ChronoUnit.SECONDS)) {
			ScheduledFire fire = sorted.get(tick);
			if (fire == null || fire.late()) {
				current.add(tick);
			}
			else if (!current.isEmpty()) {
				gaps.add(current);
				current = new ArrayList<>();
			}
		}
		return gaps;
	}

	@Configuration(proxyBeanMethods = false)
	static class CronApp {

		@Bean
		WorkflowDefinition tickFlow() {
			return WorkflowDefinition.named("tick-flow")
				.step("tick-step")
				.schedule("* * * * * *", java.time.ZoneOffset.UTC, MisfirePolicy.FIRE_ONCE)
				.build();
		}

		@Bean
		Ticks ticks() {
			return new Ticks();
		}

		@Bean
		StallingDuty stallingDuty() {
			return new StallingDuty();
		}

	}

	static class Ticks {

		@WorkflowTask(name = "tick", cron = "* * * * * *", zone = "Europe/Berlin")
		void tick(ScheduledFire fire, TaskContext context) {
			taskFires.computeIfAbsent(fire.fireTime(), (key) -> ConcurrentHashMap.newKeySet())
				.add(context.taskId().toString());
			taskPayloads.put(fire.fireTime(), fire);
		}

		@WorkflowTask(name = "tick-step")
		void tickStep(ScheduledFire fire, TaskContext context) {
			workflowFires.computeIfAbsent(fire.fireTime(), (key) -> ConcurrentHashMap.newKeySet())
				.add(context.attributes().get("zk-workflow.workflow"));
			workflowPayloads.put(fire.fireTime(), fire);
		}

	}

	/** A coordinator duty that, once engaged, holds the coordinator's thread: a stalled leader. */
	static class StallingDuty implements CoordinatorDuty {

		private final AtomicBoolean engaged = new AtomicBoolean();

		private final AtomicBoolean stalling = new AtomicBoolean();

		private volatile CountDownLatch gate = new CountDownLatch(0);

		void engage() {
			this.gate = new CountDownLatch(1);
			this.engaged.set(true);
		}

		void release() {
			this.engaged.set(false);
			this.gate.countDown();
		}

		boolean isStalling() {
			return this.stalling.get();
		}

		@Override
		public void perform() throws InterruptedException {
			if (this.engaged.get()) {
				this.stalling.set(true);
				try {
					this.gate.await(20, TimeUnit.SECONDS);
				}
				finally {
					this.stalling.set(false);
				}
			}
		}

	}

}
