package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Keeps finished tasks from piling up in ZooKeeper: removes outcomes older than
 * {@code retention} and idempotency markers older than {@code idempotency-retention}. Done
 * buckets are named by submit time, so only buckets older than the retention are read. Search
 * index entries go with their outcome, in the same multi; entries of tasks gone otherwise
 * (dead letters purged) are swept with the idempotency markers ({@link IndexSweeper}).
 */
final class RetentionSweeper {

	private static final Log logger = LogFactory.getLog(RetentionSweeper.class);

	private static final long DONE_EVERY_MILLIS = 5_000;

	private static final long IDS_EVERY_MILLIS = 60_000;

	private final TaskRuntime runtime;

	private long lastDoneSweep;

	private long lastIdsSweep;

	private final IndexSweeper index;

	RetentionSweeper(TaskRuntime runtime) {
		this.runtime = runtime;
		this.index = new IndexSweeper(runtime);
	}

	void sweepIfDue() throws Exception {
		long now = System.currentTimeMillis();
		if (now - this.lastDoneSweep >= DONE_EVERY_MILLIS) {
			this.lastDoneSweep = now;
			long cutoff = now - this.runtime.settings().retention().toMillis();
			for (String name : children(this.runtime.paths().tasks())) {
				String root = this.runtime.paths().doneRoot(name);
				for (String bucket : children(root)) {
					if ((Long.parseLong(bucket) + 1) * TaskPaths.BUCKET_MILLIS < cutoff) {
						deleteOlderThan(ZKPaths.makePath(root, bucket), cutoff, name);
					}
				}
			}
		}
		if (now - this.lastIdsSweep >= IDS_EVERY_MILLIS) {
			this.lastIdsSweep = now;
			long cutoff = now - this.runtime.settings().idempotencyRetention().toMillis();
			String root = this.runtime.paths().idsRoot();
			for (String bucket : children(root)) {
				deleteOlderThan(ZKPaths.makePath(root, bucket), cutoff, null);
			}
			this.index.sweep(now - this.runtime.settings().retention().toMillis());
		}
	}

	/**
	 * Delete the children of {@code parent} created before {@code cutoff}; for the outcomes of
	 * task {@code name}, their search index entries too, in the same multi (tasks submitted
	 * before the index existed have none).
	 */
	private void deleteOlderThan(String parent, long cutoff, @Nullable String name) throws Exception {
		CuratorFramework curator = this.runtime.curator();
		List<CuratorOp> batch = new ArrayList<>();
		for (String child : children(parent)) {
			String path = ZKPaths.makePath(parent, child);
			Stat stat = curator.checkExists().forPath(path);
			if (stat != null && stat.getCtime() < cutoff) {
				batch.add(curator.transactionOp().delete().withVersion(stat.getVersion()).forPath(path));
				String entry = (name != null) ? indexEntry(name, child) : null;
				if (entry != null && curator.checkExists().forPath(entry) != null) {
					batch.add(curator.transactionOp().delete().forPath(entry));
				}
			}
			if (batch.size() >= 200) {
				commit(batch);
			}
		}
		commit(batch);
	}

	private @Nullable String indexEntry(String name, String uid) {
		try {
			return TaskUids.isUid(uid) ? this.runtime.paths().indexEntry(name, uid) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private void commit(List<CuratorOp> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.runtime.curator().transaction().forOperations(batch);
		}
		catch (Exception ex) {
			logger.debug("Retention sweep batch failed, will retry next round: " + ex);
		}
		batch.clear();
	}

	private List<String> children(String path) throws Exception {
		try {
			return this.runtime.curator().getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

}
