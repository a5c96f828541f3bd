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
 * The ready nodes of one task name that this instance knows of, by shard and sequence number,
 * and which node to try next: one of an own shard first (a random non-empty shard, its oldest
 * node); failing that, one of another instance's shard that has waited
 * {@link ReadyCandidates#STEAL_AFTER_NANOS} (its owner is busy or gone), the newest, since the
 * owner works from the oldest. A node handed out stays in flight until it is released, so no
 * two threads of this instance try the same one. Guarded by the lock of
 * {@link ReadyCandidates}, except {@link #release}.
 */
final class KnownReadyNodes {

	private final String root;

	/** Whether a shard is one of this instance's own. */
	private final Predicate<String> own;

	/** Shard name to its known ready nodes by sequence number. */
	private final Map<String, TreeMap<Long, Candidate>> byShard = new ConcurrentHashMap<>();

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

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
			long sequence = TaskUids.sequenceOfNode(node);
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
		List<String> own = new ArrayList<>();
		List<String> foreign = new ArrayList<>();
		this.byShard.forEach((shard, nodes) -> {
			if (!nodes.isEmpty()) {
				(this.own.test(shard) ? own : foreign).add(shard);
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
		long stealable = now - ReadyCandidates.STEAL_AFTER_NANOS;
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
		TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
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
		TreeMap<Long, Candidate> nodes = this.byShard.get(shard);
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
	private record Candidate(String node, long firstSeen,
			@Nullable CompletableFuture<ReadyNode.@Nullable Content> prefetched) {
	}

}
