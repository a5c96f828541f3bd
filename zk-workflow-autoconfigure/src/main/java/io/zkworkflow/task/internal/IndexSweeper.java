package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.task.TaskSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Removes search index entries of tasks that are gone (outcome past the retention, dead
 * letter purged), and empty hour buckets. Only hours older than the retention are read: a
 * younger entry may still name a retained outcome, and a listing skips entries of tasks that
 * are gone anyway.
 */
final class IndexSweeper {

	private static final Log logger = LogFactory.getLog(IndexSweeper.class);

	private static final int BATCH = 200;

	private final TaskRuntime runtime;

	private final TimeIndex index;

	private final TaskStateReader states;

	IndexSweeper(TaskRuntime runtime) {
		this.runtime = runtime;
		this.index = new TimeIndex(runtime.curator());
		this.states = new TaskStateReader(runtime.curator(), runtime.paths(), runtime.codec());
	}

	void sweep(long cutoff) throws Exception {
		for (String name : this.index.children(this.runtime.paths().tasks())) {
			String root = this.runtime.paths().indexRoot(name);
			for (String hour : this.index.children(root)) {
				if (!TimeIndex.hourBefore(hour, cutoff)) {
					continue;
				}
				String hourPath = ZKPaths.makePath(root, hour);
				List<String> seconds = this.index.children(hourPath);
				for (String second : seconds) {
					sweepBucket(name, ZKPaths.makePath(hourPath, second));
				}
				if (seconds.isEmpty()) {
					deleteEmpty(hourPath);
				}
			}
		}
	}

	private void sweepBucket(String name, String bucket) throws Exception {
		List<String> entries = this.index.children(bucket);
		for (int start = 0; start < entries.size(); start += BATCH) {
			List<String> uids = entries.subList(start, Math.min(entries.size(), start + BATCH));
			Map<String, TaskSummary> alive = this.states.read(name, uids.stream().filter(TaskUids::isUid).toList());
			List<CuratorOp> deletes = new ArrayList<>();
			for (String uid : uids) {
				if (!alive.containsKey(uid)) {
					deletes.add(this.runtime.curator().transactionOp().delete().forPath(ZKPaths.makePath(bucket, uid)));
				}
			}
			if (!deletes.isEmpty()) {
				try {
					this.runtime.curator().transaction().forOperations(deletes);
				}
				catch (Exception ex) {
					logger.debug("Index sweep batch failed, will retry next round: " + ex);
				}
			}
		}
	}

	private void deleteEmpty(String path) {
		try {
			this.runtime.curator().delete().forPath(path);
		}
		catch (KeeperException.NotEmptyException | KeeperException.NoNodeException ex) {
			// filled or removed meanwhile
		}
		catch (Exception ex) {
			logger.debug("Could not remove the empty index bucket " + path + ": " + ex);
		}
	}

}
