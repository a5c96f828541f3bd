package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link TaskMetrics} on Micrometer: {@code zk.workflow.tasks.submitted},
 * {@code zk.workflow.tasks.unserved}, {@code zk.workflow.tasks.completed} (tag outcome),
 * {@code zk.workflow.tasks.attempt.duration}, {@code zk.workflow.tasks.claim.latency} and
 * {@code zk.workflow.tasks.pending}, all tagged with the task name.
 */
public final class MicrometerTaskMetrics implements TaskMetrics {

	private final MeterRegistry registry;

	private final Set<String> gauges = ConcurrentHashMap.newKeySet();

	/** Meters on the per-task paths, looked up once per name (and outcome) rather than on every task. */
	private final Map<String, Counter> submitted = new ConcurrentHashMap<>();

	private final Map<AttemptKey, AttemptMeters> attempts = new ConcurrentHashMap<>();

	private final Map<String, Timer> claimLatency = new ConcurrentHashMap<>();

	public MicrometerTaskMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void submitted(String name) {
		this.submitted.computeIfAbsent(name, (key) -> Counter.builder("zk.workflow.tasks.submitted")
			.description("Tasks committed by submit")
			.tag("name", key)
			.register(this.registry)).increment();
	}

	@Override
	public void submittedUnserved(String name) {
		Counter.builder("zk.workflow.tasks.unserved")
			.description("Tasks submitted while no live instance served their name")
			.tag("name", name)
			.register(this.registry)
			.increment();
	}

	@Override
	public void attemptFinished(String name, Outcome outcome, long nanos) {
		AttemptMeters meters = this.attempts.computeIfAbsent(new AttemptKey(name, outcome),
				(key) -> new AttemptMeters(Counter.builder("zk.workflow.tasks.completed")
					.description("Task attempts that ended, by outcome")
					.tag("name", key.name())
					.tag("outcome", key.outcome().tag())
					.register(this.registry),
						Timer.builder("zk.workflow.tasks.attempt.duration")
							.description("How long task attempts ran")
							.tag("name", key.name())
							.tag("outcome", key.outcome().tag())
							.register(this.registry)));
		meters.completed().increment();
		meters.duration().record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void claimed(String name, long latencyMillis) {
		this.claimLatency.computeIfAbsent(name, (key) -> Timer.builder("zk.workflow.tasks.claim.latency")
			.description("Time from a task becoming ready to its claim")
			.tag("name", key)
			.register(this.registry)).record(Duration.ofMillis(Math.max(0, latencyMillis)));
	}

	@Override
	public <T> void pendingGauge(String name, T source, ToDoubleFunction<T> value) {
		if (this.gauges.add(name)) {
			Gauge.builder("zk.workflow.tasks.pending", source, value)
				.description("Tasks waiting (ready or delayed), as last counted")
				.tag("name", name)
				.register(this.registry);
		}
	}

	private record AttemptKey(String name, Outcome outcome) {
	}

	private record AttemptMeters(Counter completed, Timer duration) {
	}

}
