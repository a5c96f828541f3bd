package io.zkworkflow.benchmarks.lock;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockRequest;
import org.jspecify.annotations.Nullable;

/**
 * {@link DistributedLockTemplate#execute} on one thread, uncontended, without Spring: the
 * same lock cycle as the annotation without the proxy, for reference.
 */
public final class TemplateLockSubject extends ClosedLoopSubject {

	private static final LockRequest REQUEST = LockRequest.exclusive("bench-template");

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	private @Nullable DistributedLockTemplate template;

	@Override
	public String name() {
		return "zkworkflow.lock-template";
	}

	@Override
	public String measurement() {
		return "DistributedLockTemplate.execute (lock + unlock), no Spring";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.LOCKS;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.template = DistributedLockTemplate.create(context.newClient(), context.path("root"));
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		LockSubjects.required(this.template).execute(REQUEST, () -> {
			this.overlaps.enter();
			this.overlaps.exit();
			return null;
		});
	}

	@Override
	public void tearDown() {
		if (this.template != null) {
			this.template.close();
		}
	}

}
