package io.zkworkflow.benchmarks.capability;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;

/**
 * Counts the transactions ZooKeeper committed between two points, from the zxid (the server's
 * transaction counter, one per committed write, failed multi included) stamped on a probe
 * znode that is written at both points. The count is the whole server's, so it includes
 * whatever else wrote meanwhile (coordinator rounds, session creations and closes); the probe's
 * own second write is taken off. Works against every target, the external ensembles included,
 * as long as no leader election (a new epoch) happens in between.
 */
final class ZxidProbe {

	private final CuratorFramework client;

	private final String path;

	private long startZxid;

	ZxidProbe(CuratorFramework client, String path) throws Exception {
		this.client = client;
		this.path = path;
		if (client.checkExists().forPath(path) == null) {
			client.create().creatingParentsIfNeeded().forPath(path);
		}
	}

	/** Mark the start of a window. */
	void start() throws Exception {
		this.startZxid = touch();
	}

	/**
	 * Return the transactions committed since {@link #start()}, this probe's own write excluded.
	 * @return the count
	 * @throws Exception when ZooKeeper refuses the probe's write
	 */
	long transactionsSinceStart() throws Exception {
		long end = touch();
		if ((end >>> 32) != (this.startZxid >>> 32)) {
			// a new epoch restarts the counter: no meaningful count
			return -1;
		}
		return end - this.startZxid - 1;
	}

	private long touch() throws Exception {
		Stat stat = this.client.setData().forPath(this.path, new byte[0]);
		return stat.getMzxid();
	}

}
