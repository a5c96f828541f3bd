package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.Watcher;

/**
 * The watches on the shards this instance owns: one persistent recursive watch per shard
 * (Curator's {@link PersistentWatcher}, which sets it again after a reconnect or a new
 * session), so that this instance hears of every ready node created or deleted there, by
 * path, and of nothing else. Events are lost while a watch is not set, so every time one is
 * (re)set its shard is to be listed.
 */
final class ShardWatchSet {

	private final CuratorFramework curator;

	private final String root;

	private final Watcher changed;

	private final Consumer<String> reset;

	/** Watches by shard name; changed only under {@code this}. */
	private final Map<String, PersistentWatcher> watches = new ConcurrentHashMap<>();

	/**
	 * Create an empty set.
	 * @param curator the client
	 * @param root the ready root whose children are the shards
	 * @param changed what hears the events of every watched shard
	 * @param reset what to do with a shard whose watch was (re)set: list it
	 */
	ShardWatchSet(CuratorFramework curator, String root, Watcher changed, Consumer<String> reset) {
		this.curator = curator;
		this.root = root;
		this.changed = changed;
		this.reset = reset;
	}

	/**
	 * Whether the shard is watched (or its watch being set up): the one answer to "is this an
	 * own shard" that every event and poll uses, cheaper than hashing the members again.
	 */
	boolean contains(String shard) {
		return this.watches.containsKey(shard);
	}

	Set<String> shards() {
		return Set.copyOf(this.watches.keySet());
	}

	/**
	 * Watch exactly these shards: set up the missing watches, close the others.
	 * @param owned the shards to watch
	 * @return the shards no longer watched
	 */
	synchronized List<String> follow(Set<String> owned) {
		for (String shard : owned) {
			if (!this.watches.containsKey(shard)) {
				PersistentWatcher watch = new PersistentWatcher(this.curator, ZKPaths.makePath(this.root, shard), true);
				watch.getListenable().addListener(this.changed);
				watch.getResetListenable().addListener(() -> this.reset.accept(shard));
				this.watches.put(shard, watch);
				watch.start();
			}
		}
		List<String> dropped = new ArrayList<>();
		Iterator<Map.Entry<String, PersistentWatcher>> watches = this.watches.entrySet().iterator();
		while (watches.hasNext()) {
			Map.Entry<String, PersistentWatcher> watch = watches.next();
			if (!owned.contains(watch.getKey())) {
				watch.getValue().close();
				watches.remove();
				dropped.add(watch.getKey());
			}
		}
		return dropped;
	}

	synchronized void close() {
		this.watches.values().forEach(PersistentWatcher::close);
		this.watches.clear();
	}

}
