package io.zkworkflow.benchmarks.lock;

import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;

/**
 * {@code @DistributedLocked} lock + unlock through the Spring proxy, one thread, uncontended:
 * the call a user makes, timed from the call until it returns. The release is sent without
 * waiting for its answer (as in production); the next call's request follows it on the same
 * session, which ZooKeeper answers in order, so the cycle rate includes both writes.
 */
public final class AnnotationLockSubject extends ClosedLoopSubject {

	private final LockApplications applications = new LockApplications();

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	private @Nullable LockedCalls calls;

	@Override
	public String name() {
		return "zkworkflow.lock-annotation";
	}

	@Override
	public String measurement() {
		return "@DistributedLocked call (lock + unlock) through the Spring proxy";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.LOCKS;
	}

	@Override
	public void setup(BenchmarkContext context) {
		this.calls = this.applications.start(context, "30s");
	}

	@Override
	protected void operation(Worker worker) {
		LockSubjects.required(this.calls).one(this::hold);
	}

	private void hold() {
		this.overlaps.enter();
		this.overlaps.exit();
	}

	@Override
	protected String note() {
		return "1 thread, 1 Spring context, no ObservationRegistry or MeterRegistry bean";
	}

	@Override
	public void tearDown() {
		this.applications.close();
	}

}
