package io.zkworkflow.benchmarks.baseline;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.ClosedLoopSubject;
import io.zkworkflow.benchmarks.Worker;

/**
 * Raw ZooKeeper: a synchronous {@code getData} of a 64-byte znode on one thread, without a
 * watch. Reads are served by the connected server from memory: no quorum, no disk.
 */
public final class ZkSyncGetDataSubject extends ClosedLoopSubject {

	private @Nullable ZooKeeper zooKeeper;

	private String node = "";

	@Override
	public String name() {
		return "zk.sync-get-data";
	}

	@Override
	public String measurement() {
		return "sync getData of a 64-byte znode, no watch";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.ZOOKEEPER;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		CuratorFramework client = context.newClient();
		this.node = context.persistentPath(client, "data");
		client.setData().forPath(this.node, new byte[64]);
		this.zooKeeper = client.getZookeeperClient().getZooKeeper();
	}

	@Override
	protected void operation(Worker worker) throws Exception {
		RawZooKeeper.required(this.zooKeeper).getData(this.node, false, null);
	}

}
