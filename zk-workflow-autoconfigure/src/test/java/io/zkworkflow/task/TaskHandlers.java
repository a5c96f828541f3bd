package io.zkworkflow.task;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Handlers whose behaviour the single-instance tests steer through static fields (one test
 * class, one instance).
 */
@Configuration(proxyBeanMethods = false)
class TaskHandlers {

	static final AtomicInteger flakyFailuresLeft = new AtomicInteger();

	static final List<Long> flakyAttemptTimes = new CopyOnWriteArrayList<>();

	static final AtomicBoolean broken = new AtomicBoolean(true);

	static final AtomicBoolean slowInterrupted = new AtomicBoolean();

	static final CountDownLatch slowStarted = new CountDownLatch(1);

	static final AtomicInteger countedRuns = new AtomicInteger();

	static final List<Long> delayedRunTimes = new CopyOnWriteArrayList<>();

	static final AtomicInteger typedRuns = new AtomicInteger();

	static final AtomicInteger contributorCalls = new AtomicInteger();

	/** Calls of the contributor for tasks with a "races" attribute, by mark. */
	static final Map<String, AtomicInteger> racingContributorCalls = new ConcurrentHashMap<>();

	record Order(String id, int amount) {
	}

	record Amount(int value) {
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	Handlers handlers() {
		return new Handlers();
	}

	/** Adds a marker znode to the success transaction of tasks carrying the "mark" attribute;
	 * the first time (or the first "races" times) with a failing version check, to prove the
	 * engine asks again. */
	@Bean
	TaskCompletionContributor markingContributor() {
		return (TaskOutcome outcome, CuratorFramework curator) -> {
			String mark = outcome.attributes().get("mark");
			if (mark == null || outcome.kind() != TaskOutcome.Kind.SUCCEEDED) {
				return List.<CuratorOp>of();
			}
			String races = outcome.attributes().get("races");
			int call = (races != null)
					? racingContributorCalls.computeIfAbsent(mark, (key) -> new AtomicInteger()).incrementAndGet()
					: contributorCalls.incrementAndGet();
			if (call <= ((races != null) ? Integer.parseInt(races) : 1)) {
				return List.of(curator.transactionOp().check().withVersion(42).forPath("/marks"));
			}
			return List.of(curator.transactionOp().create().forPath("/marks/" + mark,
					outcome.output().toString().getBytes()));
		};
	}

	static class Handlers {

		@WorkflowTask(name = "echo", concurrency = 2)
		public Map<String, Object> echo(Order order, TaskContext context) {
			return Map.of("id", order.id(), "doubled", order.amount() * 2, "attempt", context.attempt(), "token",
					context.fencingToken(), "leaseHeld", context.isLeaseHeld());
		}

		@WorkflowTask(name = "flaky", maxAttempts = 3, backoff = "200ms")
		public String flaky(String payload) {
			flakyAttemptTimes.add(System.currentTimeMillis());
			if (flakyFailuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("flaky failure");
			}
			return payload + "-ok";
		}

		@WorkflowTask(name = "always-fails", maxAttempts = 2, backoff = "50ms")
		public void alwaysFails(String payload) {
			throw new IllegalArgumentException("cannot process " + payload);
		}

		@WorkflowTask(name = "heal-later", maxAttempts = 1)
		public String healLater(String payload) {
			if (broken.get()) {
				throw new IllegalStateException("still broken");
			}
			return "healed " + payload;
		}

		@WorkflowTask(name = "slow", maxAttempts = 1, timeout = "300ms")
		public void slow(String payload) throws InterruptedException {
			slowStarted.countDown();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				slowInterrupted.set(true);
				throw ex;
			}
		}

		@WorkflowTask(name = "typed", maxAttempts = 5)
		public int typed(Amount amount) {
			typedRuns.incrementAndGet();
			return amount.value();
		}

		@WorkflowTask(name = "counted")
		public int counted(int value, TaskContext context) {
			countedRuns.incrementAndGet();
			return value;
		}

		@WorkflowTask(name = "delayed")
		public void delayed(String payload) {
			delayedRunTimes.add(System.currentTimeMillis());
		}

		@WorkflowTask(name = "marked")
		public String marked(String payload) {
			return payload.toUpperCase();
		}

	}

}
