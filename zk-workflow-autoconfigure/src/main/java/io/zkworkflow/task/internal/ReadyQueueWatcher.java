package io.zkworkflow.task.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * Watches the ready-queue shards of one task name and hands out candidate ready nodes to
 * the claiming threads. Listings are asynchronous (nothing blocks ZooKeeper's event
 * thread); one watcher object per shard, so re-listing never piles up watches. Threads pick
 * a random non-empty shard and its oldest node, so instances spread over the shards instead
 * of all racing for one node.
 */
final class ReadyQueueWatcher {

	private static final Log logger = LogFactory.getLog(ReadyQueueWatcher.class);

	private final CuratorFramework curator;

	private final String root;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition available = this.lock.newCondition();

	private final Map<String, ArrayDeque<String>> candidates = new ConcurrentHashMap<>();

	private final Map<String, Watcher> shardWatchers = new ConcurrentHashMap<>();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final Watcher rootWatcher = this::rootChanged;

	private volatile boolean open;

	ReadyQueueWatcher(CuratorFramework curator, String root) {
		this.curator = curator;
		this.root = root;
	}

	void start() {
		this.open = true;
		rescan();
	}

	/** List the root and every shard again (after a reconnect, and now and then). */
	void rescan() {
		if (!this.open) {
			return;
		}
		listRoot();
		this.shardWatchers.keySet().forEach(this::listShard);
	}

	/**
	 * Return the path of a ready node to try to claim, or {@code null} after the timeout.
	 * Call {@link #release} when done with it.
	 */
	@Nullable String take(long timeout, TimeUnit unit) throws InterruptedException {
		long remaining = unit.toNanos(timeout);
		this.lock.lockInterruptibly();
		try {
			while (this.open) {
				String path = poll();
				if (path != null) {
					return path;
				}
				if (remaining <= 0) {
					return null;
				}
				remaining = this.available.awaitNanos(remaining);
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	void release(String path) {
		this.inFlight.remove(path);
	}

	void close() {
		this.open = false;
		this.lock.lock();
		try {
			this.available.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private @Nullable String poll() {
		List<String> shards = new ArrayList<>();
		this.candidates.forEach((shard, nodes) -> {
			if (!nodes.isEmpty()) {
				shards.add(shard);
			}
		});
		while (!shards.isEmpty()) {
			int index = ThreadLocalRandom.current().nextInt(shards.size());
			ArrayDeque<String> nodes = this.candidates.get(shards.get(index));
			String node = (nodes != null) ? nodes.pollFirst() : null;
			if (node == null) {
				shards.remove(index);
				continue;
			}
			String path = ZKPaths.makePath(ZKPaths.makePath(this.root, shards.get(index)), node);
			if (this.inFlight.add(path)) {
				return path;
			}
		}
		return null;
	}

	private void rootChanged(WatchedEvent event) {
		if (event.getType() == Watcher.Event.EventType.NodeChildrenChanged) {
			listRoot();
		}
	}

	private void listRoot() {
		try {
			this.curator.getChildren()
				.usingWatcher(this.rootWatcher)
				.inBackground((client, event) -> rootListed(event))
				.forPath(this.root);
		}
		catch (Exception ex) {
			logger.debug("Could not list " + this.root + ": " + ex);
		}
	}

	private void rootListed(CuratorEvent event) {
		if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
			return;
		}
		for (String shard : event.getChildren()) {
			if (this.shardWatchers.putIfAbsent(shard, (watched) -> shardChanged(shard, watched)) == null) {
				listShard(shard);
			}
		}
	}

	private void shardChanged(String shard, WatchedEvent event) {
		if (event.getType() == Watcher.Event.EventType.NodeChildrenChanged) {
			listShard(shard);
		}
	}

	private void listShard(String shard) {
		Watcher watcher = this.shardWatchers.get(shard);
		if (!this.open || watcher == null) {
			return;
		}
		try {
			this.curator.getChildren()
				.usingWatcher(watcher)
				.inBackground((client, event) -> shardListed(shard, event))
				.forPath(ZKPaths.makePath(this.root, shard));
		}
		catch (Exception ex) {
			logger.debug("Could not list shard " + shard + " of " + this.root + ": " + ex);
		}
	}

	private void shardListed(String shard, CuratorEvent event) {
		if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
			return;
		}
		String shardPath = ZKPaths.makePath(this.root, shard);
		List<String> nodes = new ArrayList<>(event.getChildren().size());
		for (String node : event.getChildren()) {
			if (!this.inFlight.contains(ZKPaths.makePath(shardPath, node))) {
				nodes.add(node);
			}
		}
		nodes.sort(Comparator.comparingLong(TaskUids::sequenceOfNode));
		this.lock.lock();
		try {
			this.candidates.put(shard, new ArrayDeque<>(nodes));
			if (!nodes.isEmpty()) {
				this.available.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
