package io.zkworkflow.benchmarks.lock;

import java.util.concurrent.atomic.LongAdder;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.ProcessCpu;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;
import io.zkworkflow.benchmarks.observation.ObservationSetup;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @DistributedLocked} cycle of {@code zkworkflow.lock-annotation} (one thread, one
 * context, uncontended) with one of the {@link ObservationSetup}s: its acquire and hold
 * observations against the no-op registry, in the same run.
 */
public final class LockObservationSubject extends ClosedLoopSubject {

	private final ObservationSetup setup;

	private final LockApplications applications = new LockApplications();

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	private @Nullable LockedCalls calls;

	private long spansAtStart;

	/** Operations since setup, warm-up included, for the CPU per operation. */
	private final LongAdder operations = new LongAdder();

	private @Nullable ProcessCpu cpu;

	public LockObservationSubject(ObservationSetup setup) {
		this.setup = setup;
	}

	@Override
	public String name() {
		return "zkworkflow.lock-observations-" + this.setup.suffix();
	}

	@Override
	public String measurement() {
		return "@DistributedLocked call (lock + unlock), observations " + this.setup.suffix();
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.LOCK_OBSERVATIONS;
	}

	@Override
	public void setup(BenchmarkContext context) {
		this.calls = this.applications.start(context, "30s", this.setup.configuration());
		this.spansAtStart = ObservationSetup.SPANS.sum();
		this.cpu = ProcessCpu.start();
	}

	@Override
	protected void operation(Worker worker) {
		LockSubjects.required(this.calls).one(this::hold);
		this.operations.increment();
	}

	private void hold() {
		this.overlaps.enter();
		this.overlaps.exit();
	}

	@Override
	protected String note() {
		String note = "1 thread, 1 Spring context, " + this.setup.description();
		if (this.setup == ObservationSetup.TRACING) {
			note += ", " + (ObservationSetup.SPANS.sum() - this.spansAtStart) + " spans ended";
		}
		if (this.cpu != null) {
			// warm-up and window together: on a shared machine CPU per operation holds better than ops/s
			note += ", " + this.cpu.perItem(this.operations.sum()).replace("per item", "per operation")
					+ " over warm-up and window";
		}
		return note;
	}

	@Override
	public void tearDown() {
		this.applications.close();
	}

}
