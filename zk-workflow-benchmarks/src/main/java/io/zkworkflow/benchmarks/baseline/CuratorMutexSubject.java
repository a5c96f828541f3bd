package io.zkworkflow.benchmarks.baseline;

import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;

/**
 * Curator {@link InterProcessMutex}: acquire and release one lock on one thread, uncontended.
 */
public final class CuratorMutexSubject extends ClosedLoopSubject {

	private @Nullable InterProcessMutex mutex;

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	@Override
	public String name() {
		return "curator.mutex";
	}

	@Override
	public String measurement() {
		return "InterProcessMutex acquire + release";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.LOCKS;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.mutex = new InterProcessMutex(context.newClient(), context.path("lock"));
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		Locks.cycle(required(this.mutex), this.overlaps);
	}

	static InterProcessMutex required(@Nullable InterProcessMutex mutex) {
		if (mutex == null) {
			throw new IllegalStateException("setup() did not run: no mutex");
		}
		return mutex;
	}

	/** One acquire-hold-release cycle shared by the Curator mutex subjects. */
	static final class Locks {

		static final long ACQUIRE_TIMEOUT_SECONDS = 30;

		private Locks() {
		}

		static void acquire(InterProcessMutex mutex) throws Exception {
			if (!mutex.acquire(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("InterProcessMutex not acquired within " + ACQUIRE_TIMEOUT_SECONDS
						+ " s: the lock is stuck (a holder that never released?)");
			}
		}

		static void hold(InterProcessMutex mutex, OverlapDetector overlaps) throws Exception {
			try {
				overlaps.enter();
				overlaps.exit();
			}
			finally {
				mutex.release();
			}
		}

		static void cycle(InterProcessMutex mutex, OverlapDetector overlaps) throws Exception {
			acquire(mutex);
			hold(mutex, overlaps);
		}

	}

}
