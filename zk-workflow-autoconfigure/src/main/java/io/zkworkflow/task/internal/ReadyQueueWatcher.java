package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 * One persistent recursive watch on the ready root (Curator's {@link PersistentWatcher}, which
 * sets it again after a reconnect or a new session) reports every ready node created or
 * deleted, by path, so a change costs one small event instead of listing a whole shard again
 * (which made every change cost as much as the backlog is deep). The shards are listed once at
 * start, after a reconnect (events are lost while disconnected) and now and then as a safety
 * net. Nothing blocks ZooKeeper's event thread.
 * <p>
 * Threads pick a random non-empty shard among those this instance owns
 * ({@link ShardOwnership}) and take its oldest node, so instances work on different nodes
 * instead of racing for the same ones (a lost race costs a read and a failed transaction). A
 * node in another instance's shard is taken only once it has waited
 * {@link #STEAL_AFTER_NANOS} here (its owner is busy or gone), so no node waits for an owner
 * that does not come; the newest such node, since the owner works from the oldest. Which node is tried is only a preference: the claim transaction decides.
 */
final class ReadyQueueWatcher {

	private static final Log logger = LogFactory.getLog(ReadyQueueWatcher.class);

	/** Shard listings in flight together during a rescan. */
	static final int LISTINGS_IN_FLIGHT = 2;

	/** How long a node in another instance's shard waits before this instance takes it. */
	static final long STEAL_AFTER_NANOS = 20_000_000L;

	private final CuratorFramework curator;

	private final String root;

	private final ShardOwnership ownership;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition available = this.lock.newCondition();

	/** Shard name to its known ready nodes by sequence number; guarded by {@link #lock}. */
	private final Map<String, TreeMap<Long, Candidate>> candidates = new ConcurrentHashMap<>();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	/** Threads waiting in {@link #take}; guarded by {@link #lock}. */
	private int idle;

	private @Nullable PersistentWatcher watcher;

	private volatile boolean open;

	ReadyQueueWatcher(CuratorFramework curator, String root, ShardOwnership ownership) {
		this.curator = curator;
		this.root = root;
		this.ownership = ownership;
	}

	void start() {
		this.open = true;
		PersistentWatcher persistent = new PersistentWatcher(this.curator, this.root, true);
		persistent.getListenable().addListener(this::changed);
		persistent.getResetListenable().addListener(this::rescan);
		this.watcher = persistent;
		persistent.start();
	}

	/** List the root and every shard again (after a reconnect, and now and then). */
	void rescan() {
		if (!this.open) {
			return;
		}
		try {
			this.curator.getChildren().inBackground((client, event) -> rootListed(event)).forPath(this.root);
		}
		catch (Exception ex) {
			logger.debug("Could not list " + this.root + ": " + ex);
		}
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
				long now = System.nanoTime();
				ReadyNode ready = poll(now);
				if (ready != null) {
					return ready;
				}
				if (remaining <= 0) {
					return null;
				}
				long wait = Math.min(remaining, nextSteal(now));
				long left;
				this.idle++;
				try {
					left = this.available.awaitNanos(wait);
				}
				finally {
					this.idle--;
				}
				remaining -= wait - Math.max(left, 0);
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
		PersistentWatcher persistent = this.watcher;
		if (persistent != null) {
			persistent.close();
		}
		this.lock.lock();
		try {
			this.available.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Own shards first (a random non-empty one), else the oldest stealable foreign node. */
	private @Nullable ReadyNode poll(long now) {
		List<String> own = new ArrayList<>();
		List<String> foreign = new ArrayList<>();
		this.candidates.forEach((shard, nodes) -> {
			if (!nodes.isEmpty()) {
				(this.ownership.owns(shard) ? own : foreign).add(shard);
			}
		});
		while (!own.isEmpty()) {
			int index = ThreadLocalRandom.current().nextInt(own.size());
			ReadyNode ready = pollShard(own.get(index), Long.MAX_VALUE);
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

	/** The shard's oldest node, if seen no later than {@code seenBy} and not already being claimed here. */
	private @Nullable ReadyNode pollShard(String shard, long seenBy) {
		TreeMap<Long, Candidate> nodes = this.candidates.get(shard);
		if (nodes == null) {
			return null;
		}
		Map.Entry<Long, Candidate> first;
		while ((first = nodes.firstEntry()) != null && first.getValue().firstSeen() - seenBy <= 0) {
			nodes.pollFirstEntry();
			String path = ZKPaths.makePath(ZKPaths.makePath(this.root, shard), first.getValue().node());
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
			String path = ZKPaths.makePath(ZKPaths.makePath(this.root, shard), candidate.node());
			if (this.inFlight.add(path)) {
				return new ReadyNode(path, candidate.prefetched());
			}
		}
		return null;
	}

	/** Nanoseconds until a node of a foreign shard becomes stealable ({@link Long#MAX_VALUE}: none waits). */
	private long nextSteal(long now) {
		long next = Long.MAX_VALUE;
		for (Map.Entry<String, TreeMap<Long, Candidate>> entry : this.candidates.entrySet()) {
			Map.Entry<Long, Candidate> first = entry.getValue().firstEntry();
			if (first != null && !this.ownership.owns(entry.getKey())) {
				next = Math.min(next, Math.max(1, first.getValue().firstSeen() + STEAL_AFTER_NANOS - now));
			}
		}
		return next;
	}

	/** One ready node created or deleted (the watch fires for every path below the root). */
	private void changed(WatchedEvent event) {
		String path = event.getPath();
		if (!this.open || path == null || !path.startsWith(this.root + "/")) {
			return;
		}
		String[] parts = path.substring(this.root.length() + 1).split("/");
		if (parts.length != 2) {
			return;
		}
		String shard = parts[0];
		String node = parts[1];
		long sequence;
		try {
			sequence = TaskUids.sequenceOfNode(node);
		}
		catch (RuntimeException ex) {
			return;
		}
		boolean created = event.getType() == Watcher.Event.EventType.NodeCreated;
		CompletableFuture<ReadyNode.@Nullable Content> prefetched = null;
		this.lock.lock();
		try {
			TreeMap<Long, Candidate> nodes = this.candidates.computeIfAbsent(shard, (key) -> new TreeMap<>());
			if (created) {
				// a thread waits for work: read the node now rather than after waking it
				prefetched = (this.idle > 0 && !nodes.containsKey(sequence) && this.ownership.owns(shard))
						? new CompletableFuture<>() : null;
				nodes.putIfAbsent(sequence, new Candidate(node, System.nanoTime(), prefetched));
				this.available.signal();
			}
			else if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
				nodes.remove(sequence);
			}
		}
		finally {
			this.lock.unlock();
		}
		if (prefetched != null) {
			ReadyNode.prefetch(this.curator, path, prefetched);
		}
	}

	/**
	 * List the shards a few at a time, this instance's own first: with a deep backlog each
	 * listing is a large answer, and sending them all at once made claims wait behind them.
	 */
	private void rootListed(CuratorEvent event) {
		if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
			return;
		}
		List<String> shards = new ArrayList<>(event.getChildren());
		shards.sort(Comparator.comparing((String shard) -> !this.ownership.owns(shard)));
		Queue<String> pending = new ConcurrentLinkedQueue<>(shards);
		for (int i = 0; i < LISTINGS_IN_FLIGHT; i++) {
			listNext(pending);
		}
	}

	private void listNext(Queue<String> pending) {
		String shard;
		while (this.open && (shard = pending.poll()) != null) {
			String listedShard = shard;
			try {
				this.curator.getChildren().inBackground((client, listed) -> {
					shardListed(listedShard, listed);
					listNext(pending);
				}).forPath(ZKPaths.makePath(this.root, shard));
				return;
			}
			catch (Exception ex) {
				logger.debug("Could not list shard " + shard + " of " + this.root + ": " + ex);
			}
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
		String shardPath = ZKPaths.makePath(this.root, shard);
		long now = System.nanoTime();
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
			if (!listed.isEmpty()) {
				this.available.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A ready node, when this instance first saw it, and its data if read early. */
	private record Candidate(String node, long firstSeen, @Nullable CompletableFuture<ReadyNode.@Nullable Content> prefetched) {
	}

}
