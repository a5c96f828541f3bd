package io.zkworkflow.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Warm-up that lasts until the JIT has settled, not for a fixed time. One JVM here runs the
 * ZooKeeper server, several Spring instances and the load generator on two shared cores: after
 * a fixed warm-up of a few seconds the compiler threads still took a third of the CPU while a
 * subject was measured, and its figures then said more about the JIT's backlog than about the
 * code measured (the task engine's saturated throughput rose from about 1,900 to 3,400 per
 * second between a 15 s and a 60 s warm-up). A subject's batches run for at least the plan's
 * warm-up time, then until {@link #SETTLED_BATCHES} batches in a row spent less than
 * {@link #SETTLED_SHARE} of the process's CPU time compiling, or at most
 * {@code --jit-warmup-max} seconds (default 90). Compile time is the JVM's own count
 * ({@link CompilationMXBean}); a JVM that does not keep it gets the plan's warm-up.
 */
public final class JitWarmUp {

	/** Share of the process's CPU time the JIT may spend compiling once it has settled. */
	public static final double SETTLED_SHARE = 0.05;

	/** Batches in a row under {@link #SETTLED_SHARE}. */
	public static final int SETTLED_BATCHES = 2;

	private static final Duration DEFAULT_MAX = Duration.ofSeconds(90);

	private final Duration minimum;

	private final Duration maximum;

	private long batches;

	private Duration took = Duration.ZERO;

	private double lastShare = Double.NaN;

	/**
	 * A warm-up for one subject.
	 * @param plan the run plan, whose warm-up is the minimum
	 * @param options the subject's options ({@code --jit-warmup-max}, in seconds)
	 */
	public JitWarmUp(RunPlan plan, SubjectOptions options) {
		this.minimum = plan.warmup();
		this.maximum = Duration.ofSeconds(options.positiveInt("jit-warmup-max", (int) DEFAULT_MAX.toSeconds()));
	}

	/**
	 * Run {@code batch} until warmed up.
	 * @param batch one batch of the subject's own work, returning once it is done
	 * @throws Exception what a batch threw
	 */
	public void run(Batch batch) throws Exception {
		long start = System.nanoTime();
		long minimumEnd = start + this.minimum.toNanos();
		long maximumEnd = start + Math.max(this.minimum.toNanos(), this.maximum.toNanos());
		int settled = 0;
		boolean measurable = compileTimeNanos() >= 0;
		while (true) {
			CpuSplit before = CpuSplit.now();
			batch.run();
			this.batches++;
			this.lastShare = CpuSplit.now().compilerShareSince(before);
			settled = (this.lastShare < SETTLED_SHARE) ? settled + 1 : 0;
			long now = System.nanoTime();
			if (now >= maximumEnd || (now >= minimumEnd && (!measurable || settled >= SETTLED_BATCHES))) {
				break;
			}
		}
		this.took = Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Describe the warm-up for a subject's notes.
	 * @return for example {@code "warm-up 41 s (12 batches), JIT 3% of the CPU in the last"}
	 */
	public String describe() {
		return String.format("warm-up %d s (%d batches), JIT %.0f%% of the CPU in the last", this.took.toSeconds(),
				this.batches, this.lastShare * 100);
	}

	/**
	 * Time the JIT spent compiling so far, summed over its compiler threads. The JVM keeps this
	 * count itself, so compiler threads that it started and stopped along the way are counted.
	 * @return nanoseconds, or -1 when the JVM does not tell
	 */
	static long compileTimeNanos() {
		CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
		if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
			return -1;
		}
		return jit.getTotalCompilationTime() * 1_000_000L;
	}

	/** The process's CPU time and the JIT's compile time so far, at one moment. */
	record CpuSplit(long processNanos, long compileNanos) {

		static CpuSplit now() {
			return new CpuSplit(ProcessCpu.processCpuNanos(), compileTimeNanos());
		}

		/** The compiler threads' share of the CPU time used since {@code before}. */
		double compilerShareSince(CpuSplit before) {
			long process = this.processNanos - before.processNanos;
			if (process <= 0 || this.compileNanos < 0 || before.compileNanos < 0) {
				return 0;
			}
			return (double) (this.compileNanos - before.compileNanos) / process;
		}

	}

	/** One batch of warm-up work. */
	@FunctionalInterface
	public interface Batch {

		void run() throws Exception;

	}

}
