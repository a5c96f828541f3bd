package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the ready nodes of one task name in memory and hands them out to the claiming
 * threads.
 * <p>
 * Every shard is preferred by one live instance ({@link ShardOwnership}). This instance
 * watches each shard it owns ({@link ShardWatchSet}), so it hears of every ready node created
 * or deleted there and of nothing else: a busy instance receives no events for the other
 * instances' work. The watches follow ownership as members come and go, and a shard is listed
 * ({@link ShardLister}) whenever its watch is (re)set, since events are lost while it is not.
 * <p>
 * An instance with idle claiming threads helps the others ({@link HelpMode}): it also watches
 * the whole ready root (and lists the other shards once), and takes a node of another
 * instance's shard once it has waited {@link ReadyCandidates#STEAL_AFTER_NANOS} (its owner is
 * busy or gone). Whether it still helps is checked on every {@link #tick}. Which node is tried
 * is only a preference ({@link ReadyCandidates}): the claim transaction decides. Nothing
 * blocks ZooKeeper's event thread.
 */
final class ReadyQueueWatcher {

	/** How often {@link #tick} runs. */
	static final long TICK_MILLIS = 200;

	/** Ownership is checked on every member change and, as a safety net, every this many ticks. */
	static final int OWNERSHIP_EVERY_TICKS = 5;

	private final ShardOwnership ownership;

	private final ScheduledExecutorService timer;

	/** Shard names known to exist: the configured ones and what the last root listing found. */
	private final Set<String> shards = ConcurrentHashMap.newKeySet();

	private final ShardWatchSet ownWatches;

	private final ShardLister lister;

	private final ReadyCandidates candidates;

	/** Used only under {@code this}. */
	private final HelpMode help;

	private long ticks;

	private @Nullable ScheduledFuture<?> ticking;

	private volatile boolean open;

	ReadyQueueWatcher(CuratorFramework curator, String root, ShardOwnership ownership, int configuredShards,
			ScheduledExecutorService timer, Function<String, @Nullable String> dataOf) {
		this.ownership = ownership;
		this.timer = timer;
		for (int shard = 0; shard < configuredShards; shard++) {
			this.shards.add(Integer.toString(shard));
		}
		this.candidates = new ReadyCandidates(root, this::isOwnWatched);
		CandidateFeed feed = new CandidateFeed(curator, root, this::isOwnWatched, dataOf, this.candidates,
				new StealTimer(timer, this.candidates, () -> this.open), () -> this.open);
		ShardLister shardLister = new ShardLister(curator, root, this::isOwnWatched, feed::listed, () -> this.open);
		this.lister = shardLister;
		this.ownWatches = new ShardWatchSet(curator, root, feed::changed, (shard) -> shardLister.list(List.of(shard)));
		this.help = new HelpMode(curator, root, feed::foreignChanged, () -> shardLister.list(foreignShards()),
				this::forgetForeignShards);
	}

	/** Start watching: own shards, and the whole root until the first {@link #tick} finds no idle thread. */
	synchronized void start() {
		this.open = true;
		this.candidates.open();
		this.help.start();
		followOwnership();
		listRoot();
		this.ticking = this.timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Watch the shards this instance owns now, and stop watching those it no longer owns
	 * (after a member joined or left).
	 */
	synchronized void followOwnership() {
		if (!this.open) {
			return;
		}
		this.ownership.refresh();
		Set<String> owned = new HashSet<>();
		for (String shard : this.shards) {
			if (this.ownership.owns(shard)) {
				owned.add(shard);
			}
		}
		for (String dropped : this.ownWatches.follow(owned)) {
			if (!this.help.isHelping()) {
				this.candidates.forget(dropped);
			}
		}
	}

	/**
	 * Called every {@link #TICK_MILLIS}: let {@link HelpMode} decide whether to help, and
	 * follow ownership now and then.
	 */
	void tick() {
		boolean waited = this.candidates.waitedSinceAsked();
		synchronized (this) {
			this.help.tick(waited);
		}
		if (++this.ticks % OWNERSHIP_EVERY_TICKS == 0) {
			followOwnership();
		}
	}

	/** List the root and every watched shard again (after a reconnect, and now and then). */
	void rescan() {
		if (!this.open) {
			return;
		}
		listRoot();
		this.lister.list(watchedShards());
	}

	/**
	 * Return a ready node to try to claim, or {@code null} after the timeout.
	 * Call {@link #release} when done with it.
	 */
	@Nullable ReadyNode take(long timeout, TimeUnit unit) throws InterruptedException {
		return this.candidates.take(timeout, unit);
	}

	void release(String path) {
		this.candidates.release(path);
	}

	/** Leave the task to other instances for a while: its ready nodes are not taken here. */
	void skip(String uid) {
		this.candidates.skip(uid);
	}

	synchronized void close() {
		this.open = false;
		this.candidates.close();
		ScheduledFuture<?> scheduled = this.ticking;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		this.ownWatches.close();
		this.help.stop();
	}

	/** Whether this instance currently watches the whole root to help the others. */
	synchronized boolean isHelping() {
		return this.help.isHelping();
	}

	/**
	 * How many ready nodes of a shard this instance knows of.
	 * @param shard the shard's name
	 * @return the number of candidates
	 */
	int knownNodes(String shard) {
		return this.candidates.known(shard);
	}

	/** The shards whose own watch is set up (or being set up). */
	synchronized Set<String> ownedShards() {
		return this.ownWatches.shards();
	}

	private boolean isOwnWatched(String shard) {
		return this.ownWatches.contains(shard);
	}

	private synchronized List<String> watchedShards() {
		return this.help.isHelping() ? new ArrayList<>(this.shards) : new ArrayList<>(this.ownWatches.shards());
	}

	private synchronized List<String> foreignShards() {
		List<String> foreign = new ArrayList<>();
		for (String shard : this.shards) {
			if (!isOwnWatched(shard)) {
				foreign.add(shard);
			}
		}
		return foreign;
	}

	private void forgetForeignShards() {
		foreignShards().forEach(this.candidates::forget);
	}

	/** List the root's shards; a new one (a producer configured with more shards) is watched if owned. */
	private void listRoot() {
		this.lister.listRoot((found) -> {
			if (this.shards.addAll(found)) {
				followOwnership();
				if (isHelping()) {
					this.lister.list(foreignShards());
				}
			}
		});
	}

}
