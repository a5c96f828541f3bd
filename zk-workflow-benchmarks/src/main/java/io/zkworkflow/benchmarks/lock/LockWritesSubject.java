package io.zkworkflow.benchmarks.lock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.TransactionCountSubject;

/**
 * ZooKeeper transactions per {@code @DistributedLocked} cycle: uncontended (one instance, one
 * thread, {@code lock-annotation}'s call) or contended (four instances with one thread each,
 * all on the lock that waits, {@code lock-contended}'s call). Each batch is
 * {@value #CALLS_PER_THREAD} calls per thread.
 */
public final class LockWritesSubject extends TransactionCountSubject {

	private static final int CALLS_PER_THREAD = 50;

	private final String name;

	private final int instances;

	private final LockApplications applications = new LockApplications();

	private final List<LockedCalls> calls = new ArrayList<>();

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	private @Nullable ExecutorService pool;

	private LockWritesSubject(String name, int instances) {
		this.name = name;
		this.instances = instances;
	}

	/**
	 * One instance, one thread, a lock nobody else wants.
	 * @return the subject
	 */
	public static LockWritesSubject uncontended() {
		return new LockWritesSubject("zkworkflow.writes-lock-uncontended", 1);
	}

	/**
	 * Four instances (sessions), one thread each, on one lock they wait for.
	 * @return the subject
	 */
	public static LockWritesSubject contended() {
		return new LockWritesSubject("zkworkflow.writes-lock-contended-4", 4);
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String measurement() {
		return "@DistributedLocked call (lock + unlock): ZooKeeper transactions per cycle";
	}

	@Override
	protected void start(BenchmarkContext context) {
		for (int i = 0; i < this.instances; i++) {
			this.calls.add(this.applications.start(context, "30s"));
		}
		this.pool = Executors.newFixedThreadPool(this.instances);
	}

	@Override
	protected long batch(Histogram latencies) throws Exception {
		ExecutorService threads = LockSubjects.required(this.pool);
		List<Future<?>> running = new ArrayList<>();
		for (LockedCalls instance : this.calls) {
			running.add(threads.submit(() -> {
				for (int i = 0; i < CALLS_PER_THREAD; i++) {
					long start = System.nanoTime();
					if (this.instances == 1) {
						instance.one(this::hold);
					}
					else {
						instance.contended(this::hold);
					}
					synchronized (latencies) {
						latencies.recordValue(System.nanoTime() - start);
					}
				}
				return null;
			}));
		}
		for (Future<?> thread : running) {
			thread.get();
		}
		return (long) CALLS_PER_THREAD * this.instances;
	}

	private void hold() {
		this.overlaps.enter();
		this.overlaps.exit();
	}

	@Override
	protected String describe() {
		return (this.instances == 1) ? "1 Spring context, 1 thread, uncontended"
				: this.instances + " Spring contexts x 1 thread, one lock";
	}

	@Override
	public void tearDown() {
		if (this.pool != null) {
			this.pool.shutdownNow();
		}
		this.applications.close();
	}

}
