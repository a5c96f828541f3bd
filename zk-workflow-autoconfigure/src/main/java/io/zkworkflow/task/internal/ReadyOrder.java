package io.zkworkflow.task.internal;

import io.zkworkflow.task.SubmitOptions;

/**
 * The order in which ready nodes are claimed: higher priorities first, then by sequence number
 * (the order in which the tasks became ready in their shard). A ready node of a task with the
 * default priority is named {@code {uid}-{seq}}, any other {@code {uid}-p{priority}-{seq}}, so
 * the claimers learn the priority from the name alone, without reading the task.
 */
final class ReadyOrder {

	/** Bits of an order key taken by the sequence number; the priority rank is above them. */
	private static final int SEQUENCE_BITS = 40;

	private static final char TAG = 'p';

	private ReadyOrder() {
	}

	/** What follows {@code {uid}-} in a ready node's name before ZooKeeper's sequence number. */
	static String tag(int priority) {
		return (priority == SubmitOptions.DEFAULT_PRIORITY) ? "" : TAG + Integer.toString(priority) + "-";
	}

	/** The priority a ready or run node's name carries, the default one when it carries none. */
	static int priorityOfNode(String node) {
		int first = node.indexOf('-');
		int last = node.lastIndexOf('-');
		if (first > 0 && last == first + 3 && node.charAt(first + 1) == TAG) {
			int priority = node.charAt(first + 2) - '0';
			if (priority >= SubmitOptions.MIN_PRIORITY && priority <= SubmitOptions.MAX_PRIORITY) {
				return priority;
			}
		}
		return SubmitOptions.DEFAULT_PRIORITY;
	}

	/**
	 * The key ordering a shard's ready nodes, smallest first to claim: its rank (0 for the
	 * highest priority) above its sequence number.
	 * @throws RuntimeException when the name does not end in a sequence number
	 */
	static long keyOfNode(String node) {
		long sequence = TaskUids.sequenceOfNode(node) & ((1L << SEQUENCE_BITS) - 1);
		return ((long) rank(priorityOfNode(node)) << SEQUENCE_BITS) | sequence;
	}

	/** 0 for the highest priority, larger for lower ones. */
	static int rankOfKey(long key) {
		return (int) (key >>> SEQUENCE_BITS);
	}

	/** The first key of a rank. */
	static long firstKeyOfRank(int rank) {
		return (long) rank << SEQUENCE_BITS;
	}

	/** The sequence number within a key. */
	static long sequenceOfKey(long key) {
		return key & ((1L << SEQUENCE_BITS) - 1);
	}

	private static int rank(int priority) {
		return SubmitOptions.MAX_PRIORITY - priority;
	}

}
