package io.zkworkflow.benchmarks.baseline;

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
 * Raw ZooKeeper: create an ephemeral znode and delete it, synchronously, on one thread. Two
 * committed writes per cycle, like the smallest possible lock (create the lock node, delete it),
 * so this is the floor any lock recipe's cycle is compared with.
 */
public final class ZkSyncCreateDeleteSubject extends ClosedLoopSubject {

	private static final byte[] PAYLOAD = new byte[16];

	private @Nullable ZooKeeper zooKeeper;

	private String node = "";

	@Override
	public String name() {
		return "zk.sync-create-delete";
	}

	@Override
	public String measurement() {
		return "sync create (ephemeral) + sync delete of one znode";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.ZOOKEEPER;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		CuratorFramework client = context.newClient();
		this.node = context.persistentPath(client, "nodes") + "/node";
		this.zooKeeper = client.getZookeeperClient().getZooKeeper();
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		ZooKeeper zk = RawZooKeeper.required(this.zooKeeper);
		zk.create(this.node, PAYLOAD, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
		zk.delete(this.node, -1);
	}

}
