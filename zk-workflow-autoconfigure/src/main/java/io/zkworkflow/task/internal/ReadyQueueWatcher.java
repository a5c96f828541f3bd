package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the ready nodes of one task name in memory and hands them out to the claiming
 * threads.
 * <p>
 * Every shard is preferred by one live instance ({@link ShardOwnership}). This instance keeps
 * one persistent recursive watch (Curator's {@link PersistentWatcher}, which sets it again
 * after a reconnect or a new session) on each shard it owns, so it hears of every ready node
 * created or deleted there, by path, and of nothing else: a busy instance receives no events
 * for the other instances' work. The watches follow ownership as members come and go, and a
 * shard is listed whenever its watch is (re)set, since events are lost while it is not.
 * <p>
 * An instance with idle claiming threads helps the others: it also watches the whole ready
 * root (and lists the other shards once), and takes a node of another instance's shard once
 * it has waited {@link #STEAL_AFTER_NANOS} (its owner is busy or gone); the newest such node,
 * since the owner works from the oldest. It stops helping once its threads are all busy
 * again, checked on every {@link #tick}. Which node is tried is only a preference: the claim
 * transaction decides. Nothing blocks ZooKeeper's event thread.
 */
final class ReadyQueueWatcher {

	private static final Log logger = LogFactory.getLog(ReadyQueueWatcher.class);

	/** Shard listings in flight together: with a deep backlog each is a large answer. */
	static final int LISTINGS_IN_FLIGHT = 2;

	/** How often {@link #tick} runs. */
	static final long TICK_MILLIS = 200;

	/** Ticks without an idle thread after which this instance stops helping. */
	static final int BUSY_TICKS = 2;

	/** Ownership is checked on every member change and, as a safety net, every this many ticks. */
	static final int OWNERSHIP_EVERY_TICKS = 5;

	/** How long a node in another instance's shard waits before this instance takes it. */
	static final long STEAL_AFTER_NANOS = 20_000_000L;

	private final CuratorFramework curator;

	private final String root;

	private final ShardOwnership ownership;

	private final ScheduledExecutorService timer;

	private final Function<String, @Nullable String> dataOf;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition available = this.lock.newCondition();

	/** Shard name to its known ready nodes by sequence number; guarded by {@link #lock}. */
	private final Map<String, TreeMap<Long, Candidate>> candidates = new ConcurrentHashMap<>();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	/** Watches of the shards this instance owns, by shard name; changed only under {@code this}. */
	private final Map<String, PersistentWatcher> ownWatches = new ConcurrentHashMap<>();

	/** Shard names known to exist: the configured ones and what the last root listing found. */
	private final Set<String> shards = ConcurrentHashMap.newKeySet();

	private final ShardListings listings = new ShardListings();

	/** Threads waiting in {@link #take}; guarded by {@link #lock}. */
	private int idle;

	/** Whether a thread waited for work since the last {@link #tick}. */
	private volatile boolean idleSinceTick;

	/** The root watch while this instance helps; guarded by {@code this}. */
	private @Nullable PersistentWatcher helpWatch;

	private volatile boolean stealCheckScheduled;

	/** Ticks in a row without an idle thread; guarded by {@code this}. */
	private int busyTicks;

	private long ticks;

	private @Nullable ScheduledFuture<?> ticking;

	private volatile boolean open;

	ReadyQueueWatcher(CuratorFramework curator, String root, ShardOwnership ownership, int configuredShards,
			ScheduledExecutorService timer, Function<String, @Nullable String> dataOf) {
		this.curator = curator;
		this.dataOf = dataOf;
		this.root = root;
		this.ownership = ownership;
		this.timer = timer;
		for (int shard = 0; shard < configuredShards; shard++) {
			this.shards.add(Integer.toString(shard));
		}
	}

	/** Start watching: own shards, and the whole root until the first {@link #tick} finds no idle thread. */
	synchronized void start() {
		this.open = true;
		startHelping();
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
		for (String shard : owned) {
			if (!this.ownWatches.containsKey(shard)) {
				PersistentWatcher watch = new PersistentWatcher(this.curator, shardPath(shard), true);
				watch.getListenable().addListener(this::changed);
				// (re)set: events may have been missed, so list the shard
				watch.getResetListenable().addListener(() -> this.listings.list(List.of(shard)));
				this.ownWatches.put(shard, watch);
				watch.start();
			}
		}
		Iterator<Map.Entry<String, PersistentWatcher>> watches = this.ownWatches.entrySet().iterator();
		while (watches.hasNext()) {
			Map.Entry<String, PersistentWatcher> watch = watches.next();
			if (!owned.contains(watch.getKey())) {
				watch.getValue().close();
				watches.remove();
				if (this.helpWatch == null) {
					forget(watch.getKey());
				}
			}
		}
	}

	/**
	 * Called every {@link #TICK_MILLIS}: help the other instances when a thread here waited for
	 * work since the last tick, stop helping after {@link #BUSY_TICKS} ticks in a row in which
	 * none did (this instance has its own work to do), and follow ownership.
	 */
	void tick() {
		boolean wasIdle = this.idleSinceTick;
		this.lock.lock();
		try {
			this.idleSinceTick = this.idle > 0;
		}
		finally {
			this.lock.unlock();
		}
		synchronized (this) {
			this.busyTicks = wasIdle ? 0 : this.busyTicks + 1;
			if (wasIdle && this.helpWatch == null) {
				startHelping();
			}
			else if (this.busyTicks >= BUSY_TICKS && this.helpWatch != null) {
				stopHelping();
			}
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
		this.listings.list(watchedShards());
	}

	/**
	 * Return the path of a ready node to try to claim, or {@code null} after the timeout.
	 * Call {@link #release} when done with it.
	 */
	@Nullable ReadyNode take(long timeout, TimeUnit unit) throws InterruptedException {
		long remaining = unit.toNanos(timeout);
		this.lock.lockInterruptibly();
		try {
			while (this.open) {
				ReadyNode ready = poll(System.nanoTime());
				if (ready != null) {
					return ready;
				}
				if (remaining <= 0) {
					return null;
				}
				this.idle++;
				this.idleSinceTick = true;
				try {
					remaining = this.available.awaitNanos(remaining);
				}
				finally {
					this.idle--;
				}
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

	synchronized void close() {
		this.open = false;
		ScheduledFuture<?> scheduled = this.ticking;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
		this.ownWatches.values().forEach(PersistentWatcher::close);
		this.ownWatches.clear();
		stopHelping();
		this.lock.lock();
		try {
			this.available.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Whether this instance currently watches the whole root to help the others. */
	synchronized boolean isHelping() {
		return this.helpWatch != null;
	}

	/**
	 * How many ready nodes of a shard this instance knows of.
	 * @param shard the shard's name
	 * @return the number of candidates
	 */
	int knownNodes(String shard) {
		this.lock.lock();
		try {
			TreeMap<Long, Candidate> nodes = this.candidates.get(shard);
			return (nodes != null) ? nodes.size() : 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The shards whose own watch is set up (or being set up). */
	synchronized Set<String> ownedShards() {
		return Set.copyOf(this.ownWatches.keySet());
	}

	private synchronized void startHelping() {
		PersistentWatcher watch = new PersistentWatcher(this.curator, this.root, true);
		// events of own shards come through their own watches
		watch.getListenable().addListener((event) -> {
			String shard = shardOf(event.getPath());
			if (shard != null && !isOwnWatched(shard)) {
				changed(event);
			}
		});
		watch.getResetListenable().addListener(() -> this.listings.list(foreignShards()));
		this.helpWatch = watch;
		watch.start();
	}

	private synchronized void stopHelping() {
		PersistentWatcher watch = this.helpWatch;
		if (watch == null) {
			return;
		}
		watch.close();
		this.helpWatch = null;
		for (String shard : foreignShards()) {
			forget(shard);
		}
	}

	/**
	 * Whether this instance owns the shard, as far as its watches go: the one answer every path
	 * uses, cheaper than hashing the members again on every event and poll.
	 */
	private boolean isOwnWatched(String shard) {
		return this.ownWatches.containsKey(shard);
	}

	private synchronized List<String> watchedShards() {
		return (this.helpWatch != null) ? new ArrayList<>(this.shards) : new ArrayList<>(this.ownWatches.keySet());
	}

	private synchronized List<String> foreignShards() {
		List<String> foreign = new ArrayList<>();
		for (String shard : this.shards) {
			if (!this.ownWatches.containsKey(shard)) {
				foreign.add(shard);
			}
		}
		return foreign;
	}

	/** Drop what is known of a shard no longer watched (a stale node would only cost a failed claim). */
	private void forget(String shard) {
		this.lock.lock();
		try {
			this.candidates.remove(shard);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Own shards first (a random non-empty one), else the newest stealable node of another's shard. */
	private @Nullable ReadyNode poll(long now) {
		List<String> own = new ArrayList<>();
		List<String> foreign = new ArrayList<>();
		this.candidates.forEach((shard, nodes) -> {
			if (!nodes.isEmpty()) {
				(isOwnWatched(shard) ? own : foreign).add(shard);
			}
		});
		while (!own.isEmpty()) {
			int index = ThreadLocalRandom.current().nextInt(own.size());
			ReadyNode ready = pollShard(own.get(index));
			if (ready != null) {
				return ready;
			}
			own.remove(index);
		}
		long stealable = now - STEAL_AFTER_NANOS;
		while (!foreign.isEmpty()) {
			int index = ThreadLocalRandom.current().nextInt(foreign.size());
			ReadyNode ready = stealFrom(foreign.get(index), stealable);
			if (ready != null) {
				return ready;
			}
			foreign.remove(index);
		}
		return null;
	}

	/** The shard's oldest node not already being claimed here. */
	private @Nullable ReadyNode pollShard(String shard) {
		TreeMap<Long, Candidate> nodes = this.candidates.get(shard);
		if (nodes == null) {
			return null;
		}
		Map.Entry<Long, Candidate> first;
		while ((first = nodes.pollFirstEntry()) != null) {
			String path = ZKPaths.makePath(shardPath(shard), first.getValue().node());
			if (this.inFlight.add(path)) {
				return new ReadyNode(path, first.getValue().prefetched());
			}
		}
		return null;
	}

	/**
	 * The newest node of another instance's shard seen no later than {@code seenBy}: its
	 * owner takes the oldest first, so taking from the other end rarely races with it.
	 */
	private @Nullable ReadyNode stealFrom(String shard, long seenBy) {
		TreeMap<Long, Candidate> nodes = this.candidates.get(shard);
		if (nodes == null) {
			return null;
		}
		Iterator<Candidate> newestFirst = nodes.descendingMap().values().iterator();
		while (newestFirst.hasNext()) {
			Candidate candidate = newestFirst.next();
			if (candidate.firstSeen() - seenBy > 0) {
				continue;
			}
			newestFirst.remove();
			String path = ZKPaths.makePath(shardPath(shard), candidate.node());
			if (this.inFlight.add(path)) {
				return new ReadyNode(path, candidate.prefetched());
			}
		}
		return null;
	}

	/**
	 * Wake a waiting thread once a node of another instance's shard becomes stealable. One
	 * timer for all such nodes, so a node its owner claims at once costs no thread a wake-up.
	 */
	private void scheduleStealCheck(long delayNanos) {
		if (this.stealCheckScheduled || !this.open) {
			return;
		}
		this.stealCheckScheduled = true;
		try {
			this.timer.schedule(this::stealCheck, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			this.stealCheckScheduled = false;
		}
	}

	private void stealCheck() {
		this.stealCheckScheduled = false;
		long now = System.nanoTime();
		long next = Long.MAX_VALUE;
		boolean stealable = false;
		this.lock.lock();
		try {
			for (Map.Entry<String, TreeMap<Long, Candidate>> entry : this.candidates.entrySet()) {
				if (entry.getValue().isEmpty() || isOwnWatched(entry.getKey())) {
					continue;
				}
				for (Candidate candidate : entry.getValue().values()) {
					long due = candidate.firstSeen() + STEAL_AFTER_NANOS - now;
					if (due <= 0) {
						stealable = true;
					}
					else {
						next = Math.min(next, due);
					}
				}
			}
			if (stealable) {
				this.available.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (next != Long.MAX_VALUE) {
			scheduleStealCheck(next);
		}
	}

	/** One ready node created or deleted (a watch fires for every path below its root). */
	private void changed(WatchedEvent event) {
		String path = event.getPath();
		String shard = shardOf(path);
		if (!this.open || path == null || shard == null) {
			return;
		}
		String node = ZKPaths.getNodeFromPath(path);
		long sequence;
		try {
			sequence = TaskUids.sequenceOfNode(node);
		}
		catch (RuntimeException ex) {
			return;
		}
		boolean created = event.getType() == Watcher.Event.EventType.NodeCreated;
		boolean own = isOwnWatched(shard);
		String dataPath = created ? this.dataOf.apply(path) : null;
		CompletableFuture<ReadyNode.@Nullable Content> prefetched = null;
		this.lock.lock();
		try {
			TreeMap<Long, Candidate> nodes = this.candidates.computeIfAbsent(shard, (key) -> new TreeMap<>());
			if (created) {
				// a thread waits for work: read the task now rather than after waking it
				prefetched = (dataPath != null && own && this.idle > 0 && !nodes.containsKey(sequence))
						? new CompletableFuture<>() : null;
				nodes.putIfAbsent(sequence, new Candidate(node, System.nanoTime(), prefetched));
				if (own) {
					this.available.signal();
				}
			}
			else if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
				nodes.remove(sequence);
			}
		}
		finally {
			this.lock.unlock();
		}
		if (prefetched != null && dataPath != null) {
			ReadyNode.readInto(this.curator, dataPath, prefetched);
		}
		if (created && !own) {
			scheduleStealCheck(STEAL_AFTER_NANOS);
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

	private String shardPath(String shard) {
		return ZKPaths.makePath(this.root, shard);
	}

	/** List the root's shards; a new one (a producer configured with more shards) is watched if owned. */
	private void listRoot() {
		try {
			this.curator.getChildren().inBackground((client, event) -> {
				if (event.getResultCode() == KeeperException.Code.OK.intValue()
						&& this.shards.addAll(event.getChildren())) {
					followOwnership();
					if (isHelping()) {
						this.listings.list(foreignShards());
					}
				}
			}).forPath(this.root);
		}
		catch (Exception ex) {
			logger.debug("Could not list " + this.root + ": " + ex);
		}
	}

	/**
	 * Replace a shard's nodes with a listing, keeping when each was first seen. A node deleted
	 * after the listing was taken may come back here; claiming it fails harmlessly.
	 */
	private void shardListed(String shard, CuratorEvent event) {
		if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
			return;
		}
		String shardPath = shardPath(shard);
		long now = System.nanoTime();
		boolean own = isOwnWatched(shard);
		this.lock.lock();
		try {
			TreeMap<Long, Candidate> previous = this.candidates.getOrDefault(shard, new TreeMap<>());
			TreeMap<Long, Candidate> listed = new TreeMap<>();
			for (String node : event.getChildren()) {
				if (this.inFlight.contains(ZKPaths.makePath(shardPath, node))) {
					continue;
				}
				long sequence = TaskUids.sequenceOfNode(node);
				Candidate known = previous.get(sequence);
				listed.put(sequence, (known != null) ? known : new Candidate(node, now, null));
			}
			this.candidates.put(shard, listed);
			if (!listed.isEmpty() && own) {
				this.available.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (!own && !event.getChildren().isEmpty()) {
			scheduleStealCheck(STEAL_AFTER_NANOS);
		}
	}

	/**
	 * Shard listings waiting to be sent, at most {@link #LISTINGS_IN_FLIGHT} in flight, own
	 * shards first: sending them all at once made claims wait behind large answers.
	 */
	private final class ShardListings {

		private final Set<String> queued = new LinkedHashSet<>();

		private int inFlight;

		void list(Collection<String> shardNames) {
			List<String> sorted = new ArrayList<>(shardNames);
			sorted.sort(Comparator.comparing((String shard) -> !isOwnWatched(shard)));
			synchronized (this) {
				this.queued.addAll(sorted);
			}
			sendMore();
		}

		private void sendMore() {
			while (ReadyQueueWatcher.this.open) {
				String shard;
				synchronized (this) {
					if (this.inFlight >= LISTINGS_IN_FLIGHT || this.queued.isEmpty()) {
						return;
					}
					Iterator<String> first = this.queued.iterator();
					shard = first.next();
					first.remove();
					this.inFlight++;
				}
				try {
					ReadyQueueWatcher.this.curator.getChildren().inBackground((client, listed) -> {
						done();
						shardListed(shard, listed);
						sendMore();
					}).forPath(shardPath(shard));
				}
				catch (Exception ex) {
					done();
					logger.debug("Could not list shard " + shard + " of " + ReadyQueueWatcher.this.root + ": " + ex);
				}
			}
		}

		private synchronized void done() {
			this.inFlight--;
		}

	}

	/** A ready node, when this instance first saw it, and its data if read early. */
	private record Candidate(String node, long firstSeen, @Nullable CompletableFuture<ReadyNode.@Nullable Content> prefetched) {
	}

}
