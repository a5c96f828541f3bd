package io.zkworkflow.lock.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.lock.DefaultLockAcquireObservationConvention;
import io.zkworkflow.lock.DefaultLockHoldObservationConvention;
import io.zkworkflow.lock.LockAcquireContext;
import io.zkworkflow.lock.LockAcquireObservationConvention;
import io.zkworkflow.lock.LockHoldContext;
import io.zkworkflow.lock.LockHoldObservationConvention;
import io.zkworkflow.lock.LockMode;
import org.jspecify.annotations.Nullable;

/**
 * Lock measurements through Micrometer: observations {@code zk.workflow.lock.acquire} (tags name,
 * mode, outcome) and {@code zk.workflow.lock.hold} (their conventions replaceable), long task timer {@code zk.workflow.lock.held} and counter
 * {@code zk.workflow.lock.lost} (tags name, mode).
 */
public final class MicrometerLockMetrics implements LockMetrics {

	private static final DefaultLockAcquireObservationConvention DEFAULT_ACQUIRE = new DefaultLockAcquireObservationConvention();

	private static final DefaultLockHoldObservationConvention DEFAULT_HOLD = new DefaultLockHoldObservationConvention();

	private final ObservationRegistry observations;

	private final @Nullable MeterRegistry meters;

	private final @Nullable LockHoldObservationConvention holdConvention;

	private final @Nullable LockAcquireObservationConvention acquireConvention;

	public MicrometerLockMetrics(@Nullable ObservationRegistry observations, @Nullable MeterRegistry meters,
			@Nullable LockAcquireObservationConvention acquireConvention,
			@Nullable LockHoldObservationConvention holdConvention) {
		this.observations = (observations != null) ? observations : ObservationRegistry.NOOP;
		this.meters = meters;
		this.acquireConvention = acquireConvention;
		this.holdConvention = holdConvention;
	}

	@Override
	public Acquisition startAcquire(String name, LockMode mode, @Nullable String key) {
		if (this.observations.isNoop()) {
			return (outcome) -> {
			};
		}
		LockAcquireContext context = new LockAcquireContext(name, mode, key);
		Observation observation = Observation
			.createNotStarted(this.acquireConvention, DEFAULT_ACQUIRE, () -> context, this.observations)
			.start();
		return (outcome) -> {
			context.setOutcome(outcome);
			observation.stop();
		};
	}

	@Override
	public Held startHeld(String name, LockMode mode, @Nullable String key) {
		LongTaskTimer.@Nullable Sample sample = (this.meters != null) ? LongTaskTimer.builder("zk.workflow.lock.held")
			.description("Distributed locks currently held")
			.tags("name", name, "mode", mode.name())
			.register(this.meters)
			.start() : null;
		if (this.observations.isNoop()) {
			return (outcome) -> stop(sample);
		}
		LockHoldContext context = new LockHoldContext(name, mode, key);
		Observation observation = Observation
			.createNotStarted(this.holdConvention, DEFAULT_HOLD, () -> context, this.observations)
			.start();
		return (outcome) -> {
			stop(sample);
			context.setOutcome(outcome);
			observation.stop();
		};
	}

	private static void stop(LongTaskTimer.@Nullable Sample sample) {
		if (sample != null) {
			sample.stop();
		}
	}

	@Override
	public void lost(String name, LockMode mode) {
		if (this.meters != null) {
			Counter.builder("zk.workflow.lock.lost")
				.description("Distributed locks lost while held")
				.tags("name", name, "mode", mode.name())
				.register(this.meters)
				.increment();
		}
	}

}
