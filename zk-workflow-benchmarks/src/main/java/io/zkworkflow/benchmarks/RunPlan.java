package io.zkworkflow.benchmarks;

import java.time.Duration;

/**
 * How long a subject warms up and how long it is measured.
 *
 * @param warmup time run before measuring, for the JIT, connection pools and ZooKeeper's caches
 * @param window the fixed measurement window every figure is taken from
 * @param rounds how many times the whole selection runs; each figure reported is the median of
 * the rounds, which keeps a burst of other work on a shared machine from deciding a ratio
 */
public record RunPlan(Duration warmup, Duration window, int rounds) {

	/**
	 * One round.
	 * @param warmup time run before measuring
	 * @param window the measurement window
	 */
	public RunPlan(Duration warmup, Duration window) {
		this(warmup, window, 1);
	}

	public RunPlan {
		if (rounds < 1) {
			throw new IllegalArgumentException("Rounds must be at least 1, got " + rounds);
		}
		if (warmup.isNegative()) {
			throw new IllegalArgumentException("Warm-up must not be negative, got " + warmup);
		}
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("Measurement window must be positive, got " + window);
		}
	}

}
