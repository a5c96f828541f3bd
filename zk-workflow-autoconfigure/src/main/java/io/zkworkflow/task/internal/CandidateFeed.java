package io.zkworkflow.task.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * Feeds what ZooKeeper reports about one task name's ready shards, watch events and shard
 * listings, into the {@link ReadyCandidates}: a node created or deleted, a shard's current
 * nodes. A node of another instance's shard starts the {@link StealTimer}. Runs on
 * ZooKeeper's event thread and never blocks it.
 */
final class CandidateFeed {

	private final CuratorFramework curator;

	private final String root;

	private final Predicate<String> own;

	private final Function<String, @Nullable String> dataOf;

	private final ReadyCandidates candidates;

	private final StealTimer stealTimer;

	private final BooleanSupplier open;

	CandidateFeed(CuratorFramework curator, String root, Predicate<String> own,
			Function<String, @Nullable String> dataOf, ReadyCandidates candidates, StealTimer stealTimer,
			BooleanSupplier open) {
		this.curator = curator;
		this.root = root;
		this.own = own;
		this.dataOf = dataOf;
		this.candidates = candidates;
		this.stealTimer = stealTimer;
		this.open = open;
	}

	/** An event of the root watch while helping: those of own shards come through their own watches. */
	void foreignChanged(WatchedEvent event) {
		String shard = shardOf(event.getPath());
		if (shard != null && !this.own.test(shard)) {
			changed(event);
		}
	}

	/** One ready node created or deleted (a watch fires for every path below its root). */
	void changed(WatchedEvent event) {
		String path = event.getPath();
		String shard = shardOf(path);
		if (!this.open.getAsBoolean() || path == null || shard == null) {
			return;
		}
		String node = ZKPaths.getNodeFromPath(path);
		long sequence;
		try {
			sequence = ReadyOrder.keyOfNode(node);
		}
		catch (RuntimeException ex) {
			return;
		}
		boolean own = this.own.test(shard);
		if (event.getType() == Watcher.Event.EventType.NodeCreated) {
			String dataPath = this.dataOf.apply(path);
			CompletableFuture<ReadyNode.@Nullable Content> prefetched = this.candidates.created(shard, node, sequence,
					own, dataPath != null);
			if (prefetched != null && dataPath != null) {
				ReadyNode.readInto(this.curator, dataPath, prefetched);
			}
			if (!own) {
				this.stealTimer.schedule(ReadyCandidates.STEAL_AFTER_NANOS);
			}
		}
		else if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
			this.candidates.deleted(shard, sequence);
		}
	}

	/** A shard was listed: its children are the ready nodes waiting there. */
	void listed(String shard, List<String> children) {
		boolean own = this.own.test(shard);
		this.candidates.listed(shard, children, own);
		if (!own && !children.isEmpty()) {
			this.stealTimer.schedule(ReadyCandidates.STEAL_AFTER_NANOS);
		}
	}

	/** The shard of a ready node's path, {@code null} for any other path. */
	private @Nullable String shardOf(@Nullable String path) {
		if (path == null || !path.startsWith(this.root + "/")) {
			return null;
		}
		String rest = path.substring(this.root.length() + 1);
		int slash = rest.indexOf('/');
		if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
			return null;
		}
		return rest.substring(0, slash);
	}

}
