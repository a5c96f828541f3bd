package io.zkworkflow.benchmarks;

import java.time.Duration;

/**
 * How long a subject warms up and how long it is measured.
 *
 * @param warmup time run before measuring, for the JIT, connection pools and ZooKeeper's caches
 * @param window the fixed measurement window every figure is taken from
 */
public record RunPlan(Duration warmup, Duration window) {

	public RunPlan {
		if (warmup.isNegative()) {
			throw new IllegalArgumentException("Warm-up must not be negative, got " + warmup);
		}
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("Measurement window must be positive, got " + window);
		}
	}

}
