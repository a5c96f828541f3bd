package io.zkworkflow.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * A subject whose worker threads repeat one operation as fast as it completes. The harness
 * warms up, then counts and times every operation started inside the window. Write
 * {@link #operation}; override {@link #threads()} for concurrency.
 */
public abstract class ClosedLoopSubject implements BenchmarkSubject {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private final Correctness correctness = new Correctness();

	/**
	 * Run one operation. Latency is timed from just before the call until it returns, or until
	 * {@link Worker#markEnd()} when the subject calls it.
	 * @param worker the calling worker
	 * @throws Exception any failure stops the subject and reports it as failed
	 */
	protected abstract void operation(Worker worker) throws Exception;

	/**
	 * Return how many worker threads run {@link #operation} at once.
	 * @return the thread count, 1 by default
	 */
	protected int threads() {
		return 1;
	}

	/**
	 * Return this subject's correctness counters, to register and increment.
	 * @return the counters
	 */
	protected final Correctness correctness() {
		return this.correctness;
	}

	/**
	 * Return a remark for the report.
	 * @return by default the thread count
	 */
	protected String note() {
		return (threads() == 1) ? "1 thread" : threads() + " threads";
	}

	@Override
	public final SubjectResult run(RunPlan plan) throws Exception {
		Phase phase = new Phase();
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		List<Loop> loops = new ArrayList<>();
		for (int i = 0; i < threads(); i++) {
			Loop loop = new Loop(new Worker(i), phase, failure);
			loops.add(loop);
			loop.thread.start();
		}
		phase.await(plan.warmup());
		long start = System.nanoTime();
		phase.state = Phase.MEASURING;
		phase.await(plan.window());
		phase.state = Phase.STOPPED;
		long end = System.nanoTime();
		for (Loop loop : loops) {
			loop.thread.join(STOP_TIMEOUT.toMillis());
			if (loop.thread.isAlive()) {
				throw new IllegalStateException(name() + ": worker " + loop.worker.index()
						+ " did not finish its operation within " + STOP_TIMEOUT + " after the window closed");
			}
		}
		Throwable error = failure.get();
		if (error != null) {
			throw new IllegalStateException(name() + " failed during the run: " + error, error);
		}
		Histogram latencies = new Histogram(3);
		long operations = 0;
		for (Loop loop : loops) {
			latencies.add(loop.latencies);
			operations += loop.operations;
		}
		return SubjectResult.measured(this, latencies, operations, Duration.ofNanos(end - start), this.correctness,
				note());
	}

	private static final class Phase {

		static final int WARMING_UP = 0;

		static final int MEASURING = 1;

		static final int STOPPED = 2;

		volatile int state = WARMING_UP;

		void await(Duration duration) throws InterruptedException {
			long deadline = System.nanoTime() + duration.toNanos();
			while (this.state != STOPPED) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				Thread.sleep(Math.min(Math.max(left / 1_000_000, 1), 100));
			}
		}

	}

	private final class Loop implements Runnable {

		final Worker worker;

		final Phase phase;

		final AtomicReference<@Nullable Throwable> failure;

		final Histogram latencies = new Histogram(3);

		final Thread thread;

		long operations;

		Loop(Worker worker, Phase phase, AtomicReference<@Nullable Throwable> failure) {
			this.worker = worker;
			this.phase = phase;
			this.failure = failure;
			this.thread = new Thread(this, name() + "-worker-" + worker.index());
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			try {
				int state;
				while ((state = this.phase.state) != Phase.STOPPED) {
					this.worker.begin();
					operation(this.worker);
					if (state == Phase.MEASURING) {
						this.latencies.recordValue(this.worker.latency());
						this.operations++;
					}
				}
			}
			catch (Throwable ex) {
				this.failure.compareAndSet(null, ex);
				this.phase.state = Phase.STOPPED;
			}
		}

	}

}
