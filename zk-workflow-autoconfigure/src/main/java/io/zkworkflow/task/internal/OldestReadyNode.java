package io.zkworkflow.task.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * The claim that ignores priorities, made every {@link KnownReadyNodes#FAIR_EVERY}th time so
 * that a steady stream of high priorities cannot hold a low one back for ever: of each own
 * shard the node that became ready first (lowest sequence number, whatever its priority), and
 * of those the one whose task was submitted first.
 */
final class OldestReadyNode {

	private OldestReadyNode() {
	}

	/**
	 * Take the oldest node of the given shards not in flight, and mark it in flight.
	 * @return the node, {@code null} when the shards have none
	 */
	static @Nullable ReadyNode take(Map<String, TreeMap<Long, KnownReadyNodes.Candidate>> byShard, List<String> shards,
			Set<String> inFlight, UnaryOperator<String> shardPath) {
		String bestShard = null;
		long bestKey = 0;
		long bestSubmitted = Long.MAX_VALUE;
		for (String shard : shards) {
			TreeMap<Long, KnownReadyNodes.Candidate> nodes = byShard.get(shard);
			Long key = (nodes != null) ? oldestKey(nodes) : null;
			if (key == null) {
				continue;
			}
			long submitted = submittedAt(nodes.get(key).node());
			if (bestShard == null || submitted < bestSubmitted) {
				bestShard = shard;
				bestKey = key;
				bestSubmitted = submitted;
			}
		}
		if (bestShard == null) {
			return null;
		}
		KnownReadyNodes.Candidate candidate = byShard.get(bestShard).remove(bestKey);
		String path = ZKPaths.makePath(shardPath.apply(bestShard), candidate.node());
		return inFlight.add(path) ? new ReadyNode(path, candidate.prefetched()) : null;
	}

	/** The key of the node with the lowest sequence number: the first of one of the priorities. */
	private static @Nullable Long oldestKey(TreeMap<Long, KnownReadyNodes.Candidate> nodes) {
		Long oldest = null;
		Long key = nodes.isEmpty() ? null : nodes.firstKey();
		while (key != null) {
			if (oldest == null || ReadyOrder.sequenceOfKey(key) < ReadyOrder.sequenceOfKey(oldest)) {
				oldest = key;
			}
			key = nodes.ceilingKey(ReadyOrder.firstKeyOfRank(ReadyOrder.rankOfKey(key) + 1));
		}
		return oldest;
	}

	private static long submittedAt(String node) {
		String uid = (node.indexOf('-') > 0) ? TaskUids.uidOfNode(node) : "";
		try {
			return TaskUids.isUid(uid) ? TaskUids.submittedAt(uid) : Long.MAX_VALUE;
		}
		catch (NumberFormatException ex) {
			return Long.MAX_VALUE;
		}
	}

}
