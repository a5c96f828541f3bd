package io.zkworkflow.config.internal;

import java.util.List;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * {@link ConfigMetrics} on Micrometer: {@code zk.workflow.config.updates} (tag
 * {@code result=applied|rejected}), the timer {@code zk.workflow.config.apply.latency} and, with
 * a {@link ConfigObserver}, the apply and reject observations. The
 * registry is looked up on first use, so that it is not created before the other singletons.
 */
public final class MicrometerConfigMetrics implements ConfigMetrics {

	private final ObjectProvider<MeterRegistry> registry;

	private volatile @Nullable Meters meters;

	private final @Nullable ConfigObserver observer;

	public MicrometerConfigMetrics(ObjectProvider<MeterRegistry> registry) {
		this(registry, null);
	}

	public MicrometerConfigMetrics(ObjectProvider<MeterRegistry> registry, @Nullable ConfigObserver observer) {
		this.registry = registry;
		this.observer = observer;
	}

	@Override
	public Apply startApply(List<String> keys) {
		return (this.observer != null) ? this.observer.startApply(keys) : Apply.NONE;
	}

	@Override
	public void rejected(String key, String znodePath, int znodeVersion, String reason, boolean unreadable) {
		rejected();
		if (this.observer != null) {
			this.observer.rejected(key, znodePath, znodeVersion, reason, unreadable);
		}
	}

	@Override
	public void applied(int keys, long latencyNanos) {
		Meters meters = meters();
		if (meters != null) {
			meters.applied.increment(keys);
			meters.latency.record(latencyNanos, TimeUnit.NANOSECONDS);
		}
	}

	@Override
	public void rejected() {
		Meters meters = meters();
		if (meters != null) {
			meters.rejected.increment();
		}
	}

	private @Nullable Meters meters() {
		Meters meters = this.meters;
		if (meters == null) {
			MeterRegistry registry = this.registry.getIfAvailable();
			if (registry == null) {
				return null;
			}
			meters = new Meters(registry);
			this.meters = meters;
		}
		return meters;
	}

	private static final class Meters {

		final Counter applied;

		final Counter rejected;

		final Timer latency;

		Meters(MeterRegistry registry) {
			this.applied = Counter.builder("zk.workflow.config.updates").tag("result", "applied")
				.description("Configuration keys applied from ZooKeeper").register(registry);
			this.rejected = Counter.builder("zk.workflow.config.updates").tag("result", "rejected")
				.description("Configuration values refused (conversion or validation failed)").register(registry);
			this.latency = Timer.builder("zk.workflow.config.apply.latency")
				.description("Time from a ZooKeeper change event to the values being applied").register(registry);
		}

	}

}
