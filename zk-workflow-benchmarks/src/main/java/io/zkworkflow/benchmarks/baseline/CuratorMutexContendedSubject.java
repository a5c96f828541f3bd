package io.zkworkflow.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.OverlapDetector;
import io.zkworkflow.benchmarks.Worker;

/**
 * Curator {@link InterProcessMutex} under contention: 4 clients (4 sessions, like 4 application
 * instances) with 2 threads each, all on one lock. Latency is the time to acquire, waiting for
 * the others included; throughput is lock cycles per second across all threads.
 */
public final class CuratorMutexContendedSubject extends ClosedLoopSubject {

	static final int CLIENTS = 4;

	static final int THREADS_PER_CLIENT = 2;

	private final List<InterProcessMutex> mutexes = new ArrayList<>();

	private final OverlapDetector overlaps = new OverlapDetector(correctness());

	@Override
	public String name() {
		return "curator.mutex-contended";
	}

	@Override
	public String measurement() {
		return "InterProcessMutex acquire (timed) + release, one lock";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.CONTENDED_LOCKS;
	}

	@Override
	protected int threads() {
		return CLIENTS * THREADS_PER_CLIENT;
	}

	@Override
	protected String note() {
		return CLIENTS + " clients x " + THREADS_PER_CLIENT + " threads";
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		String path = context.path("lock");
		for (int c = 0; c < CLIENTS; c++) {
			CuratorFramework client = context.newClient();
			for (int t = 0; t < THREADS_PER_CLIENT; t++) {
				this.mutexes.add(new InterProcessMutex(client, path));
			}
		}
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		InterProcessMutex mutex = this.mutexes.get(worker.index());
		CuratorMutexSubject.Locks.acquire(mutex);
		worker.markEnd();
		CuratorMutexSubject.Locks.hold(mutex, this.overlaps);
	}

}
