package io.zkworkflow.benchmarks;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What one subject measured: throughput over the window, latency percentiles and its
 * correctness counters, or why it failed.
 *
 * @param subject the subject's name
 * @param measurement what one operation is and what its latency times
 * @param table the table the subject is reported in
 * @param operations operations completed in the measurement window
 * @param opsPerSecond operations per second over the window
 * @param p50Nanos median latency in nanoseconds
 * @param p99Nanos 99th percentile latency in nanoseconds
 * @param maxNanos highest latency seen in nanoseconds
 * @param correctness counters that must be zero
 * @param note short remark for the report (threads, items, rate), may be empty
 * @param failure why the subject could not be measured, or {@code null}
 */
public record SubjectResult(String subject, String measurement, BenchmarkTable table, long operations,
		double opsPerSecond, long p50Nanos, long p99Nanos, long maxNanos, Map<String, Long> correctness,
		String note, @Nullable String failure) {

	/**
	 * Build the result of a completed measurement.
	 * @param subject the subject
	 * @param latencies latencies recorded in the window, in nanoseconds
	 * @param operations operations completed in the window
	 * @param elapsed the window's actual length
	 * @param correctness the subject's counters
	 * @param note short remark for the report
	 * @return the result
	 */
	public static SubjectResult measured(BenchmarkSubject subject, Histogram latencies, long operations,
			Duration elapsed, Correctness correctness, String note) {
		double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
		return new SubjectResult(subject.name(), subject.measurement(), subject.table(), operations,
				operations / seconds, latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99),
				latencies.getMaxValue(), correctness.snapshot(), note, null);
	}

	/**
	 * Build the result of a subject that could not be measured.
	 * @param subject the subject
	 * @param failure what went wrong
	 * @param correctness counters collected before the failure
	 * @return the result
	 */
	public static SubjectResult failed(BenchmarkSubject subject, String failure, Correctness correctness) {
		return new SubjectResult(subject.name(), subject.measurement(), subject.table(), 0, 0, 0, 0, 0,
				correctness.snapshot(), "", failure);
	}

	/**
	 * Return the counters that are not zero.
	 * @return name to value, empty when the subject stayed correct
	 */
	public Map<String, Long> violations() {
		Map<String, Long> violations = new LinkedHashMap<>();
		this.correctness.forEach((name, value) -> {
			if (value != 0) {
				violations.put(name, value);
			}
		});
		return violations;
	}

	/**
	 * Whether the subject produced figures.
	 * @return {@code true} unless it failed
	 */
	public boolean succeeded() {
		return this.failure == null;
	}

}
