package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

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

	/**
	 * A refresh blocks on ZooKeeper reads, which must not tie up the JVM's common pool; it runs
	 * at most once per refresh interval and name, so a short-lived thread each time is enough.
	 */
	private final SimpleAsyncTaskExecutor refresher = new SimpleAsyncTaskExecutor("zk-task-pending-count-");

	PendingCounter(CuratorFramework curator, TaskPaths paths, Duration refresh) {
		this.curator = curator;
		this.paths = paths;
		this.refreshNanos = refresh.toNanos();
		this.refresher.setDaemon(true);
	}

	/**
	 * Return the pending count of a name. With a zero refresh interval every call counts;
	 * otherwise the first call counts synchronously and later a stale count is refreshed in the
	 * background while callers use the last count plus their own submissions since, so that no
	 * submit waits for a count of every shard.
	 */
	long current(String name) throws Exception {
		Count count = this.counts.computeIfAbsent(name, (key) -> new Count());
		if (this.refreshNanos == 0) {
			// no reuse allowed: an exact count for every submit
			count.value.set(countAll(name));
			count.countedAt = System.nanoTime();
		}
		else if (count.countedAt == 0) {
			synchronized (count) {
				if (count.countedAt == 0) {
					count.value.set(countAll(name));
					count.countedAt = System.nanoTime();
				}
			}
		}
		else if (System.nanoTime() - count.countedAt > this.refreshNanos && count.refreshing.compareAndSet(false, true)) {
			this.refresher.execute(() -> refresh(name, count));
		}
		return count.value.get();
	}

	private void refresh(String name, Count count) {
		try {
			// submissions that commit while the shards are counted may be missed by the count:
			// add them back (one counted twice only makes the limit a little stricter)
			long addedBefore = count.added.get();
			long counted = countAll(name);
			count.value.set(counted + (count.added.get() - addedBefore));
			count.countedAt = System.nanoTime();
		}
		catch (Exception ex) {
			// keep the last count; the next submit tries again
		}
		finally {
			count.refreshing.set(false);
		}
	}

	private long countAll(String name) throws Exception {
		return countChildren(this.paths.readyRoot(name)) + countChildren(this.paths.delayRoot(name));
	}

	/**
	 * Return whether {@link #current(String)} answers without reading ZooKeeper (the name was
	 * counted once already).
	 */
	boolean isCounted(String name) {
		Count count = this.counts.get(name);
		return count != null && count.countedAt != 0;
	}

	/** The last count, without reading ZooKeeper. */
	long cached(String name) {
		Count count = this.counts.get(name);
		return (count != null) ? count.value.get() : 0;
	}

	void added(String name) {
		Count count = this.counts.get(name);
		if (count != null) {
			count.added.incrementAndGet();
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

		private final AtomicBoolean refreshing = new AtomicBoolean();

		/** Submissions of this instance since it started, to correct a count taken meanwhile. */
		private final AtomicLong added = new AtomicLong();

	}

}
