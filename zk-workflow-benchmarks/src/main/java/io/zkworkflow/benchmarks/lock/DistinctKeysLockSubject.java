package io.zkworkflow.benchmarks.lock;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;

/**
 * {@code @DistributedLocked(key = "#p0")} from 8 threads of one instance, each on its own key:
 * how the lock scales when callers do not compete (the target is at least 4x the one-thread
 * rate). Each key has its own overlap detector.
 */
public final class DistinctKeysLockSubject extends ClosedLoopSubject {

	static final int THREADS = 8;

	private final LockApplications applications = new LockApplications();

	private final List<OverlapDetector> overlaps = new ArrayList<>();

	private final List<String> keys = new ArrayList<>();

	private @Nullable LockedCalls calls;

	@Override
	public String name() {
		return "zkworkflow.lock-distinct-keys";
	}

	@Override
	public String measurement() {
		return "@DistributedLocked call (lock + unlock), one key per thread";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.LOCK_SCALING;
	}

	@Override
	protected int threads() {
		return THREADS;
	}

	@Override
	protected String note() {
		return THREADS + " threads, 1 Spring context (one session), " + THREADS + " keys";
	}

	@Override
	public void setup(BenchmarkContext context) {
		for (int i = 0; i < THREADS; i++) {
			this.overlaps.add(new OverlapDetector(correctness()));
			this.keys.add("key-" + i);
		}
		this.calls = this.applications.start(context, "30s");
	}

	@Override
	protected void operation(Worker worker) {
		OverlapDetector detector = this.overlaps.get(worker.index());
		LockSubjects.required(this.calls).keyed(this.keys.get(worker.index()), () -> {
			detector.enter();
			detector.exit();
		});
	}

	@Override
	public void tearDown() {
		this.applications.close();
	}

}
