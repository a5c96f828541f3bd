package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * The ready nodes of one task name that this instance knows of, by shard and
 * {@link ReadyOrder order key} (priority, then sequence number), and which node to try next:
 * one of an own shard first (of the highest priority known in the own shards, a random shard
 * among those that have it, its oldest node of that priority); failing that, one of another
 * instance's shard that has waited {@link ReadyCandidates#STEAL_AFTER_NANOS} (its owner is busy
 * or gone), of the highest priority among those, the newest, since the owner works from the
 * oldest. Every {@link #FAIR_EVERY}th node handed out is instead the oldest of the own shards
 * whatever its priority ({@link OldestReadyNode}), which bounds how long a lower priority
 * waits. A node handed out stays in flight until it is released, so no two threads of this
 * instance try the same one. Guarded by the lock of {@link ReadyCandidates}, except
 * {@link #release}.
 */
final class KnownReadyNodes {

	/** Every this many nodes handed out, one is the oldest whatever its priority. */
	static final int FAIR_EVERY = 10;

	/** How long this instance leaves a task it handed back to others. */
	static final long SKIP_NANOS = 5_000_000_000L;

	private final String root;

	/** Nodes handed out; guarded by the lock of {@link ReadyCandidates}. */
	private long handedOut;

	/** Whether a shard is one of this instance's own. */
	private final Predicate<String> own;

	/** Shard name to its known ready nodes by order key. */
	private final Map<String, TreeMap<Long, Candidate>> byShard = new ConcurrentHashMap<>();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	/** Tasks (by uid) this instance handed back, to when it leaves their ready nodes to others. */
	private final Map<String, Long> skipped = new ConcurrentHashMap<>();

	KnownReadyNodes(String root, Predicate<String> own) {
		this.root = root;
		this.own = own;
	}

	void release(String path) {
		this.inFlight.remove(path);
	}

	int count(String shard) {
		TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
		return (nodes != null) ? nodes.size() : 0;
	}

	boolean contains(String shard, long sequence) {
		TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
		return nodes != null && nodes.containsKey(sequence);
	}

	/**
	 * Leave a task's ready nodes to other instances for {@link #SKIP_NANOS}: they stay known
	 * but are not handed out while it lasts, so another instance (one that helps with this
	 * shard) claims it; after it, this instance may try it again.
	 */
	void skip(String uid, long now) {
		dropEndedSkips(now);
		this.skipped.put(uid, now + SKIP_NANOS);
	}

	private void dropEndedSkips(long now) {
		this.skipped.values().removeIf((until) -> until - now <= 0);
	}

	private boolean isSkipped(String node, long now) {
		if (this.skipped.isEmpty() || node.indexOf('-') <= 0) {
			return false;
		}
		Long until = this.skipped.get(TaskUids.uidOfNode(node));
		return until != null && until - now > 0;
	}

	void add(String shard, String node, long sequence,
			@Nullable CompletableFuture<ReadyNode.@Nullable Content> prefetched) {
		this.byShard.computeIfAbsent(shard, (key) -> new TreeMap<>())
			.putIfAbsent(sequence, new Candidate(node, System.nanoTime(), prefetched));
	}

	void remove(String shard, long sequence) {
		TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
		if (nodes != null) {
			nodes.remove(sequence);
		}
	}

	void forget(String shard) {
		this.byShard.remove(shard);
	}

	/**
	 * Replace a shard's nodes with a listing, keeping when each was first seen. A node deleted
	 * after the listing was taken may come back here; claiming it fails harmlessly.
	 * @return whether the shard has nodes now
	 */
	boolean replace(String shard, List<String> children, long now) {
		String shardPath = shardPath(shard);
		TreeMap<Long, Candidate> previous = this.byShard.getOrDefault(shard, new TreeMap<>());
		TreeMap<Long, Candidate> listed = new TreeMap<>();
		for (String node : children) {
			if (this.inFlight.contains(ZKPaths.makePath(shardPath, node))) {
				continue;
			}
			long sequence = ReadyOrder.keyOfNode(node);
			Candidate known = previous.get(sequence);
			listed.put(sequence, (known != null) ? known : new Candidate(node, now, null));
		}
		this.byShard.put(shard, listed);
		return !listed.isEmpty();
	}

	/** When the nodes of other instances' shards become stealable, seen from {@code now}. */
	Stealable stealable(long now) {
		long next = Long.MAX_VALUE;
		boolean already = false;
		for (Map.Entry<String, TreeMap<Long, Candidate>> entry : this.byShard.entrySet()) {
			if (entry.getValue().isEmpty() || this.own.test(entry.getKey())) {
				continue;
			}
			for (Candidate candidate : entry.getValue().values()) {
				long due = candidate.firstSeen() + ReadyCandidates.STEAL_AFTER_NANOS - now;
				if (due <= 0) {
					already = true;
				}
				else {
					next = Math.min(next, due);
				}
			}
		}
		return new Stealable(already, next);
	}

	/** The node to try next, marked in flight; {@code null} if none is to be tried now. */
	@Nullable ReadyNode poll(long now) {
		ReadyNode ready = pick(now);
		if (ready != null) {
			this.handedOut++;
		}
		return ready;
	}

	private @Nullable ReadyNode pick(long now) {
		List<String> own = new ArrayList<>();
		List<String> foreign = new ArrayList<>();
		this.byShard.forEach((shard, nodes) -> {
			if (!nodes.isEmpty()) {
				(this.own.test(shard) ? own : foreign).add(shard);
			}
		});
		// the oldest-first pick knows nothing of skipped tasks: it waits while any is skipped
		dropEndedSkips(now);
		if ((this.handedOut + 1) % FAIR_EVERY == 0 && !(own.isEmpty() && foreign.isEmpty()) && this.skipped.isEmpty()) {
			// of the own shards, or of those helped with when there are none
			ReadyNode oldest = OldestReadyNode.take(this.byShard, own.isEmpty() ? foreign : own, this.inFlight,
					this::shardPath);
			if (oldest != null) {
				return oldest;
			}
		}
		while (!own.isEmpty()) {
			List<String> best = highestFirst(own);
			String shard = best.get(ThreadLocalRandom.current().nextInt(best.size()));
			ReadyNode ready = pollShard(shard, now);
			if (ready != null) {
				return ready;
			}
			own.remove(shard);
		}
		long stealable = now - ReadyCandidates.STEAL_AFTER_NANOS;
		while (!foreign.isEmpty()) {
			List<String> best = highestFirst(foreign);
			String shard = best.get(ThreadLocalRandom.current().nextInt(best.size()));
			ReadyNode ready = stealFrom(shard, stealable);
			if (ready != null) {
				return ready;
			}
			foreign.remove(shard);
		}
		return null;
	}

	/** The shards whose first node has the highest priority among {@code shards}. */
	private List<String> highestFirst(List<String> shards) {
		List<String> best = new ArrayList<>();
		int bestRank = Integer.MAX_VALUE;
		for (String shard : shards) {
			TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
			int rank = (nodes == null || nodes.isEmpty()) ? Integer.MAX_VALUE - 1 : ReadyOrder.rankOfKey(nodes.firstKey());
			if (rank < bestRank) {
				best.clear();
				bestRank = rank;
			}
			if (rank == bestRank) {
				best.add(shard);
			}
		}
		return best;
	}

	/** The shard's first node (highest priority, oldest) not already being claimed here. */
	private @Nullable ReadyNode pollShard(String shard, long now) {
		TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
		if (nodes == null) {
			return null;
		}
		Iterator<Candidate> oldestFirst = nodes.values().iterator();
		while (oldestFirst.hasNext()) {
			Candidate candidate = oldestFirst.next();
			if (isSkipped(candidate.node(), now)) {
				continue;
			}
			oldestFirst.remove();
			String path = ZKPaths.makePath(shardPath(shard), candidate.node());
			if (this.inFlight.add(path)) {
				return new ReadyNode(path, candidate.prefetched());
			}
		}
		return null;
	}

	/**
	 * The newest node of the highest priority of another instance's shard seen no later than
	 * {@code seenBy}: its owner takes the oldest first, so taking from the other end rarely
	 * races with it.
	 */
	private @Nullable ReadyNode stealFrom(String shard, long seenBy) {
		TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
		if (nodes == null) {
			return null;
		}
		Long key = nodes.isEmpty() ? null : nodes.firstKey();
		while (key != null) {
			int rank = ReadyOrder.rankOfKey(key);
			long next = ReadyOrder.firstKeyOfRank(rank + 1);
			Iterator<Candidate> newestFirst = nodes.subMap(key, true, next, false).descendingMap().values().iterator();
			while (newestFirst.hasNext()) {
				Candidate candidate = newestFirst.next();
				if (candidate.firstSeen() - seenBy > 0 || isSkipped(candidate.node(), seenBy)) {
					continue;
				}
				newestFirst.remove();
				String path = ZKPaths.makePath(shardPath(shard), candidate.node());
				if (this.inFlight.add(path)) {
					return new ReadyNode(path, candidate.prefetched());
				}
			}
			key = nodes.ceilingKey(next);
		}
		return null;
	}

	private String shardPath(String shard) {
		return ZKPaths.makePath(this.root, shard);
	}

	/**
	 * When nodes of other instances' shards may be taken.
	 *
	 * @param now whether one may be taken now
	 * @param nextInNanos how long until the next one may, {@link Long#MAX_VALUE} if none waits for that
	 */
	record Stealable(boolean now, long nextInNanos) {
	}

	/** A ready node, when this instance first saw it, and its data if read early. */
	record Candidate(String node, long firstSeen,
			@Nullable CompletableFuture<ReadyNode.@Nullable Content> prefetched) {
	}

}
