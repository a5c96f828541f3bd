package io.zkworkflow.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.AsyncCallback.StatCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.benchmarks.WriteBudget;

/**
 * The write ceiling of this ZooKeeper: {@code --ceiling-sessions} sessions (default 4), one
 * thread each, send asynchronous {@code setData}s of 16 bytes to a znode of their own, keeping
 * {@code --ceiling-in-flight} (default 250) outstanding per session. Each is one transaction, so
 * the ops/s are the transactions per second the server (or the ensemble's leader and quorum)
 * commits when nothing else limits it. Later subjects of the {@code WRITES} table divide it by
 * what their operations cost. Latency is issue to callback, queueing included.
 */
public final class ZkWriteCeilingSubject implements BenchmarkSubject {

	private static final byte[] PAYLOAD = new byte[16];

	private final Correctness correctness = new Correctness();

	private final LongAdder errors = this.correctness.counter("errors");

	private final List<ZooKeeper> sessions = new ArrayList<>();

	private final List<String> nodes = new ArrayList<>();

	private int inFlight;

	@Override
	public String name() {
		return "zk.write-ceiling";
	}

	@Override
	public String measurement() {
		return "async setData of 16 bytes, pipelined from several sessions: transactions per second";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.WRITES;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		int count = context.options().positiveInt("ceiling-sessions", 4);
		this.inFlight = context.options().positiveInt("ceiling-in-flight", 250);
		for (int i = 0; i < count; i++) {
			CuratorFramework client = context.newClient();
			this.nodes.add(context.persistentPath(client, "node-" + i));
			this.sessions.add(client.getZookeeperClient().getZooKeeper());
		}
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		ConcurrentHistogram latencies = new ConcurrentHistogram(3);
		LongAdder completed = new LongAdder();
		long measureFrom = System.nanoTime() + plan.warmup().toNanos();
		long measureUntil = measureFrom + plan.window().toNanos();
		List<Thread> threads = new ArrayList<>();
		List<Exception> failures = new ArrayList<>();
		for (int i = 0; i < this.sessions.size(); i++) {
			ZooKeeper zk = this.sessions.get(i);
			String node = this.nodes.get(i);
			Thread thread = new Thread(() -> {
				try {
					drive(zk, node, latencies, completed, measureFrom, measureUntil);
				}
				catch (Exception ex) {
					synchronized (failures) {
						failures.add(ex);
					}
				}
			}, name() + "-" + i);
			thread.setDaemon(true);
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException(name() + " failed: " + failures.get(0), failures.get(0));
		}
		SubjectResult result = SubjectResult.measured(this, latencies, completed.sum(), plan.window(),
				this.correctness, this.sessions.size() + " sessions x 1 thread, " + this.inFlight + " in flight each");
		WriteBudget.ceilingMeasured(result.opsPerSecond());
		return result;
	}

	private void drive(ZooKeeper zk, String node, ConcurrentHistogram latencies, LongAdder completed, long measureFrom,
			long measureUntil) throws InterruptedException {
		Semaphore permits = new Semaphore(this.inFlight);
		StatCallback callback = (rc, path, issuedAt, stat) -> {
			long now = System.nanoTime();
			long issued = (Long) issuedAt;
			if (rc != KeeperException.Code.OK.intValue()) {
				this.errors.increment();
			}
			else if (issued >= measureFrom && issued < measureUntil) {
				latencies.recordValue(now - issued);
				completed.increment();
			}
			permits.release();
		};
		long now;
		while ((now = System.nanoTime()) < measureUntil) {
			if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
				zk.setData(node, PAYLOAD, -1, callback, now);
			}
		}
		if (!permits.tryAcquire(this.inFlight, 60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(name() + ": writes still outstanding 60 s after the window closed");
		}
	}

}
