package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Counts the tasks of a name that wait (ready or delayed) from the children counts of the
 * shard and bucket znodes, reusing a count for a short while and adding this instance's own
 * submissions since.
 */
final class PendingCounter {

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final long refreshNanos;

	private final Map<String, Count> counts = new ConcurrentHashMap<>();

	PendingCounter(CuratorFramework curator, TaskPaths paths, Duration refresh) {
		this.curator = curator;
		this.paths = paths;
		this.refreshNanos = refresh.toNanos();
	}

	long current(String name) throws Exception {
		Count count = this.counts.computeIfAbsent(name, (key) -> new Count());
		synchronized (count) {
			if (count.countedAt == 0 || System.nanoTime() - count.countedAt > this.refreshNanos) {
				count.value.set(countChildren(this.paths.readyRoot(name)) + countChildren(this.paths.delayRoot(name)));
				count.countedAt = System.nanoTime();
			}
		}
		return count.value.get();
	}

	/** The last count, without reading ZooKeeper. */
	long cached(String name) {
		Count count = this.counts.get(name);
		return (count != null) ? count.value.get() : 0;
	}

	void added(String name) {
		Count count = this.counts.get(name);
		if (count != null) {
			count.value.incrementAndGet();
		}
	}

	private long countChildren(String parent) throws Exception {
		List<String> children;
		try {
			children = this.curator.getChildren().forPath(parent);
		}
		catch (KeeperException.NoNodeException ex) {
			return 0;
		}
		long total = 0;
		for (String child : children) {
			Stat stat = this.curator.checkExists().forPath(ZKPaths.makePath(parent, child));
			total += (stat != null) ? stat.getNumChildren() : 0;
		}
		return total;
	}

	private static final class Count {

		private final AtomicLong value = new AtomicLong();

		private volatile long countedAt;

	}

}
