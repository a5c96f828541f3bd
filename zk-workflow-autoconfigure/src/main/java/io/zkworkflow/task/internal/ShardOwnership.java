package io.zkworkflow.task.internal;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which ready-queue shards of one task name this instance should claim from first:
 * rendezvous (highest random weight) hashing of each shard over the live members serving the
 * name, so that every instance prefers a different part of the queue and claimers rarely race
 * for the same ready node. A preference only: any instance may still claim any node (the claim
 * transaction decides), and others' shards are taken when their owner leaves them waiting.
 * When this instance is not (yet) in the member view, every shard counts as its own.
 */
final class ShardOwnership {

	private static final long REFRESH_NANOS = 200_000_000L;

	private final String self;

	private final Supplier<Collection<String>> members;

	private volatile List<String> lastMembers = List.of();

	private volatile long refreshedAt;

	private volatile boolean stale = true;

	ShardOwnership(String self, Supplier<Collection<String>> members) {
		this.self = self;
		this.members = members;
	}

	/**
	 * Whether this instance should claim from {@code shard} first.
	 * @param shard the shard's znode name
	 * @return whether this instance owns it among the current members
	 */
	boolean owns(String shard) {
		List<String> current = current();
		if (!current.contains(this.self)) {
			return true;
		}
		String owner = null;
		long best = Long.MIN_VALUE;
		for (String member : current) {
			long weight = weight(member, shard);
			if (owner == null || weight > best || (weight == best && member.compareTo(owner) < 0)) {
				owner = member;
				best = weight;
			}
		}
		return this.self.equals(owner);
	}

	/** Read the member view again at the next {@link #owns}, instead of up to 200 ms later. */
	void refresh() {
		this.stale = true;
	}

	private List<String> current() {
		long now = System.nanoTime();
		if (this.stale || now - this.refreshedAt > REFRESH_NANOS) {
			this.stale = false;
			try {
				this.lastMembers = List.copyOf(this.members.get());
			}
			catch (RuntimeException ex) {
				// keep the last view
			}
			this.refreshedAt = now;
		}
		return this.lastMembers;
	}

	static long weight(String member, String shard) {
		long h = member.hashCode() * 0x9E3779B97F4A7C15L + shard.hashCode();
		h ^= (h >>> 33);
		h *= 0xFF51AFD7ED558CCDL;
		h ^= (h >>> 33);
		h *= 0xC4CEB9FE1A85EC53L;
		return h ^ (h >>> 33);
	}

}
