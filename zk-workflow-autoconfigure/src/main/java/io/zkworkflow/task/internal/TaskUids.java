package io.zkworkflow.task.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Task uids: {@code {submit millis, base 36, 9 chars}{random, base 36, 10 chars}_{shard}}.
 * The submit time locates the retained outcome, the shard locates the ready and run nodes, so
 * status and cancel read one shard instead of searching. Ready and run nodes are named
 * {@code {uid}-{sequence}}.
 */
final class TaskUids {

	private TaskUids() {
	}

	static String next(long nowMillis, int shards) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String time = pad(Long.toString(nowMillis, 36), 9);
		String rand = pad(Long.toString(random.nextLong(Long.MAX_VALUE), 36), 13).substring(0, 10);
		int shard = random.nextInt(shards);
		return time + rand + "_" + shard;
	}

	static int shard(String uid) {
		int separator = uid.lastIndexOf('_');
		if (separator < 0) {
			throw new IllegalArgumentException("'" + uid + "' is not a task uid");
		}
		return Integer.parseInt(uid.substring(separator + 1));
	}

	static long submittedAt(String uid) {
		return Long.parseLong(uid.substring(0, 9), 36);
	}

	/** The uid of a ready or run node name {@code {uid}-{seq}} or {@code {uid}-p{priority}-{seq}}. */
	static String uidOfNode(String nodeName) {
		return nodeName.substring(0, nodeName.indexOf('-'));
	}

	/** The sequence number of a ready or run node name, for FIFO order within a shard. */
	static long sequenceOfNode(String nodeName) {
		return Long.parseLong(nodeName.substring(nodeName.lastIndexOf('-') + 1));
	}

	static boolean isUid(String uid) {
		return uid.length() >= 21 && uid.charAt(19) == '_';
	}

	private static String pad(String value, int length) {
		return (value.length() >= length) ? value : "0".repeat(length - value.length()) + value;
	}

}
