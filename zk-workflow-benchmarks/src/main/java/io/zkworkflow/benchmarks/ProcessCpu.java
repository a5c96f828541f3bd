package io.zkworkflow.benchmarks;

import java.lang.management.ManagementFactory;

/**
 * CPU time used by this whole JVM (ZooKeeper server, every instance and the load generator),
 * for figures that hold better than throughput on a shared machine: what other work takes
 * from the two cores changes how fast a subject runs, much less how much CPU each item costs.
 */
public final class ProcessCpu {

	private final JitWarmUp.CpuSplit start;

	private ProcessCpu(JitWarmUp.CpuSplit start) {
		this.start = start;
	}

	/**
	 * Start measuring.
	 * @return a measurement from now
	 */
	public static ProcessCpu start() {
		return new ProcessCpu(JitWarmUp.CpuSplit.now());
	}

	/**
	 * Describe the CPU time used since {@link #start} per item.
	 * @param items how many items the time was spent on
	 * @return for example {@code "process CPU 0.52 ms per item (JIT 3% of it)"}
	 */
	public String perItem(long items) {
		JitWarmUp.CpuSplit end = JitWarmUp.CpuSplit.now();
		double cpuMillis = (end.processNanos() - this.start.processNanos()) / 1e6;
		return String.format("process CPU %.3f ms per item (JIT %.0f%% of it)", cpuMillis / Math.max(1, items),
				100 * end.compilerShareSince(this.start));
	}

	static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

}
