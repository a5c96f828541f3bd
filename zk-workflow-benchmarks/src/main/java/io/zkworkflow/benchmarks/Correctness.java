package io.zkworkflow.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters that must stay at zero: overlapping lock holders, missing or duplicated queue items.
 * A non-zero counter is printed in bold, repeated as a warning under the tables, and makes the
 * run exit with a non-zero code. Register every counter in {@code setup} so a clean run shows it
 * as {@code 0} instead of leaving it out.
 */
public final class Correctness {

	private final Map<String, LongAdder> counters = new LinkedHashMap<>();

	/**
	 * Return the counter with this name, registering it at zero the first time.
	 * @param name what the counter counts, e.g. {@code overlaps}
	 * @return the counter
	 */
	public synchronized LongAdder counter(String name) {
		return this.counters.computeIfAbsent(name, (key) -> new LongAdder());
	}

	/**
	 * Return the current values in registration order.
	 * @return name to value
	 */
	public synchronized Map<String, Long> snapshot() {
		Map<String, Long> values = new LinkedHashMap<>();
		this.counters.forEach((name, counter) -> values.put(name, counter.sum()));
		return values;
	}

}
