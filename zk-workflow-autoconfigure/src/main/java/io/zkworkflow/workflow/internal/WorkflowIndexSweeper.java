package io.zkworkflow.workflow.internal;

import io.zkworkflow.internal.TimeIndex;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Removes the empty hour buckets of the workflows' search indexes. An entry leaves with its
 * workflow's record and its second bucket is a container the server removes when empty, but
 * the hour bucket is persistent: without this, each definition would keep one znode per hour
 * it ever started a workflow. Only hours that ended before the cutoff are removed, so no start
 * writes into a bucket being removed; a start that still meets one recreates it.
 */
final class WorkflowIndexSweeper {

	private static final Log logger = LogFactory.getLog(WorkflowIndexSweeper.class);

	private final CuratorFramework curator;

	private final WorkflowPaths paths;

	private final TimeIndex index;

	WorkflowIndexSweeper(CuratorFramework curator, WorkflowPaths paths) {
		this.curator = curator;
		this.paths = paths;
		this.index = new TimeIndex(curator);
	}

	void sweep(long cutoff) throws Exception {
		for (String definition : this.index.children(this.paths.definitions())) {
			String root = this.paths.indexRoot(definition);
			for (String hour : this.index.children(root)) {
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				if (TimeIndex.hourBefore(hour, cutoff)) {
					deleteIfEmpty(ZKPaths.makePath(root, hour));
				}
			}
		}
	}

	private void deleteIfEmpty(String path) {
		try {
			// fails with NotEmpty while an entry of a retained workflow is under it
			this.curator.delete().forPath(path);
		}
		catch (KeeperException.NotEmptyException | KeeperException.NoNodeException ex) {
			// still in use, or removed meanwhile
		}
		catch (Exception ex) {
			logger.debug("Could not remove the empty index bucket " + path + ": " + ex);
		}
	}

}
