package io.zkworkflow.benchmarks.lock;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.Worker;

/**
 * Raw synchronous create + delete from 8 threads on one session, each thread on its own znode:
 * how far the floor of a lock cycle scales with threads on this machine and server, the
 * reference for {@code zkworkflow.lock-distinct-keys}. Reported with the raw operations, so its
 * ratio is the raw 8-thread to 1-thread factor.
 */
public final class RawCreateDeleteThreadsSubject extends ClosedLoopSubject {

	private static final byte[] PAYLOAD = new byte[16];

	private @Nullable ZooKeeper zooKeeper;

	private String parent = "";

	@Override
	public String name() {
		return "zk.sync-create-delete-8-threads";
	}

	@Override
	public String measurement() {
		return "sync create (ephemeral) + sync delete, one znode per thread";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.ZOOKEEPER;
	}

	@Override
	protected int threads() {
		return DistinctKeysLockSubject.THREADS;
	}

	@Override
	protected String note() {
		return threads() + " threads, 1 session";
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		CuratorFramework client = context.newClient();
		this.parent = context.persistentPath(client, "nodes");
		this.zooKeeper = client.getZookeeperClient().getZooKeeper();
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		ZooKeeper zk = LockSubjects.required(this.zooKeeper);
		String node = this.parent + "/node-" + worker.index();
		zk.create(node, PAYLOAD, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
		zk.delete(node, -1);
	}

}
