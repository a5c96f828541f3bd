package io.zkworkflow.benchmarks;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * How numbers look in the report: throughput with thousands separators, latencies in
 * milliseconds with a precision that suits their size, ratios as {@code 0.85x}.
 */
public final class Figures {

	/** Printed where there is no figure (no baseline measured, subject failed). */
	public static final String NONE = "–";

	private Figures() {
	}

	/**
	 * Format a throughput.
	 * @param opsPerSecond operations per second
	 * @return e.g. {@code 12,345} or {@code 48.7}
	 */
	public static String throughput(double opsPerSecond) {
		return (opsPerSecond >= 100) ? String.format(Locale.ROOT, "%,.0f", opsPerSecond)
				: String.format(Locale.ROOT, "%.1f", opsPerSecond);
	}

	/**
	 * Format a latency in milliseconds.
	 * @param nanos the latency in nanoseconds
	 * @return e.g. {@code 0.412}, {@code 3.14}, {@code 123.4}
	 */
	public static String millis(long nanos) {
		double millis = nanos / 1e6;
		if (millis < 10) {
			return String.format(Locale.ROOT, "%.3f", millis);
		}
		return String.format(Locale.ROOT, (millis < 100) ? "%.2f" : "%,.1f", millis);
	}

	/**
	 * Format a ratio of a figure to the baseline's.
	 * @param value the subject's figure
	 * @param baseline the baseline's figure, or {@code null} when the baseline was not measured
	 * @return e.g. {@code 0.85x}, or {@link #NONE} when there is nothing to divide by
	 */
	public static String ratio(double value, @Nullable Double baseline) {
		if (baseline == null || baseline <= 0 || value <= 0) {
			return NONE;
		}
		return String.format(Locale.ROOT, "%.2fx", value / baseline);
	}

}
