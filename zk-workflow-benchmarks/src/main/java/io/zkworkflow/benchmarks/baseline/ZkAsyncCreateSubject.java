package io.zkworkflow.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.AsyncCallback.StringCallback;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;

/**
 * Raw ZooKeeper: asynchronous creates of sequential znodes from one thread, keeping up to
 * {@code --async-in-flight} (default 1,000) outstanding. The write ceiling of this ZooKeeper:
 * no recipe doing one write per operation can go faster. Latency is issue to callback, so it
 * includes queueing behind the other requests in flight.
 * <p>
 * The znodes are persistent and deleted after the window, in {@code multi}s of
 * {@value #DELETE_BATCH}: a window leaves about a hundred thousand of them, and as ephemerals
 * of one session they would make the record that closes the session larger than
 * {@code jute.maxbuffer}, which no server can read back from its log.
 */
public final class ZkAsyncCreateSubject implements BenchmarkSubject {

	private static final byte[] PAYLOAD = new byte[16];

	private static final int DELETE_BATCH = 300;

	private final Correctness correctness = new Correctness();

	private final LongAdder errors = this.correctness.counter("errors");

	private @Nullable ZooKeeper zooKeeper;

	/** Every znode created and not yet deleted; its parent is never listed (too many children). */
	private final Queue<String> created = new ConcurrentLinkedQueue<>();

	private String prefix = "";

	private int inFlight;

	@Override
	public String name() {
		return "zk.async-create";
	}

	@Override
	public String measurement() {
		return "async create (persistent sequential, deleted after the window), pipelined; latency issue to callback";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.ZOOKEEPER;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.inFlight = context.options().positiveInt("async-in-flight", 1_000);
		CuratorFramework client = context.newClient();
		this.prefix = context.persistentPath(client, "items") + "/item-";
		this.zooKeeper = client.getZookeeperClient().getZooKeeper();
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		ZooKeeper zk = RawZooKeeper.required(this.zooKeeper);
		Semaphore permits = new Semaphore(this.inFlight);
		ConcurrentHistogram latencies = new ConcurrentHistogram(3);
		LongAdder completed = new LongAdder();
		long measureFrom = System.nanoTime() + plan.warmup().toNanos();
		long measureUntil = measureFrom + plan.window().toNanos();
		StringCallback callback = (rc, path, issuedAt, name) -> {
			long now = System.nanoTime();
			long issued = (Long) issuedAt;
			if (rc != KeeperException.Code.OK.intValue()) {
				this.errors.increment();
			}
			else {
				this.created.add(name);
				if (issued >= measureFrom && issued < measureUntil) {
					latencies.recordValue(now - issued);
					completed.increment();
				}
			}
			permits.release();
		};
		long now;
		while ((now = System.nanoTime()) < measureUntil) {
			if (permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
				zk.create(this.prefix, PAYLOAD, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL, callback,
						now);
			}
		}
		if (!permits.tryAcquire(this.inFlight, 60, TimeUnit.SECONDS)) {
			throw new IllegalStateException(name() + ": creates still outstanding 60 s after the window closed");
		}
		deleteCreated(zk);
		return SubjectResult.measured(this, latencies, completed.sum(), plan.window(), this.correctness,
				"1 thread, " + this.inFlight + " in flight");
	}

	@Override
	public void tearDown() throws Exception {
		if (this.zooKeeper != null && !this.created.isEmpty()) {
			deleteCreated(this.zooKeeper);
		}
	}

	private void deleteCreated(ZooKeeper zk) throws KeeperException, InterruptedException {
		List<Op> batch = new ArrayList<>(DELETE_BATCH);
		String path;
		while ((path = this.created.poll()) != null) {
			batch.add(Op.delete(path, -1));
			if (batch.size() == DELETE_BATCH) {
				zk.multi(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			zk.multi(batch);
		}
	}

}
