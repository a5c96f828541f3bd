package io.zkworkflow.lock.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.lock.LockMode;
import org.jspecify.annotations.Nullable;

/**
 * Lock measurements through Micrometer: observation {@code zk.workflow.lock.acquire} (tags name,
 * mode, outcome), long task timer {@code zk.workflow.lock.held} and counter
 * {@code zk.workflow.lock.lost} (tags name, mode).
 */
public final class MicrometerLockMetrics implements LockMetrics {

	private final ObservationRegistry observations;

	private final @Nullable MeterRegistry meters;

	public MicrometerLockMetrics(@Nullable ObservationRegistry observations, @Nullable MeterRegistry meters) {
		this.observations = (observations != null) ? observations : ObservationRegistry.NOOP;
		this.meters = meters;
	}

	@Override
	public Acquisition startAcquire(String name, LockMode mode) {
		Observation observation = Observation.createNotStarted("zk.workflow.lock.acquire", this.observations)
			.lowCardinalityKeyValue("name", name)
			.lowCardinalityKeyValue("mode", mode.name())
			.start();
		return (outcome) -> observation.lowCardinalityKeyValue("outcome", outcome).stop();
	}

	@Override
	public Runnable startHeld(String name, LockMode mode) {
		if (this.meters == null) {
			return () -> {
			};
		}
		LongTaskTimer.Sample sample = LongTaskTimer.builder("zk.workflow.lock.held")
			.description("Distributed locks currently held")
			.tags("name", name, "mode", mode.name())
			.register(this.meters)
			.start();
		return sample::stop;
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
