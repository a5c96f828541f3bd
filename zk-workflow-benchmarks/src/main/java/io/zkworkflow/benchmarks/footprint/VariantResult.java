package io.zkworkflow.benchmarks.footprint;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A variant's classpath and its measured runs; each figure of the table is the median of the runs.
 *
 * @param variant the variant
 * @param classpath its runtime classpath
 * @param runs its measured runs, in order
 */
record VariantResult(FootprintVariant variant, VariantClasspath classpath, List<ChildRun> runs) {

	long medianStartupMillis() {
		return median(ChildRun::startupMillis);
	}

	long medianBootMillis() {
		return median(ChildRun::bootMillis);
	}

	long medianCpuMillis() {
		return median(ChildRun::cpuMillis);
	}

	long medianHeapUsedBytes() {
		return median(ChildRun::heapUsedBytes);
	}

	private long median(ToLongFunction<ChildRun> figure) {
		long[] values = this.runs.stream().mapToLong(figure).sorted().toArray();
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

}
