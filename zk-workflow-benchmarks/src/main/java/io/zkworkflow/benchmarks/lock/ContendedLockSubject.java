package io.zkworkflow.benchmarks.lock;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;

/**
 * {@code @DistributedLocked(waitTime = "60s")} under contention: 4 Spring contexts (4 sessions,
 * like 4 application instances) with 2 threads each, all on one lock, like
 * {@code curator.mutex-contended}. Latency is the acquire: from the call until the method body
 * starts, waiting for the others included.
 */
public final class ContendedLockSubject extends ClosedLoopSubject {

	static final int INSTANCES = 4;

	static final int THREADS_PER_INSTANCE = 2;

	private final LockApplications applications = new LockApplications();

	private final List<LockedCalls> calls = new ArrayList<>();

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	@Override
	public String name() {
		return "zkworkflow.lock-contended";
	}

	@Override
	public String measurement() {
		return "@DistributedLocked call: acquire (timed, until the body starts) + release, one lock";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.CONTENDED_LOCKS;
	}

	@Override
	protected int threads() {
		return INSTANCES * THREADS_PER_INSTANCE;
	}

	@Override
	protected String note() {
		return INSTANCES + " Spring contexts x " + THREADS_PER_INSTANCE + " threads";
	}

	@Override
	public void setup(BenchmarkContext context) {
		for (int i = 0; i < INSTANCES; i++) {
			this.calls.add(this.applications.start(context, "30s"));
		}
	}

	@Override
	protected void operation(Worker worker) {
		this.calls.get(worker.index() / THREADS_PER_INSTANCE).contended(() -> {
			worker.markEnd();
			this.overlaps.enter();
			this.overlaps.exit();
		});
	}

	@Override
	public void tearDown() {
		this.applications.close();
	}

}
