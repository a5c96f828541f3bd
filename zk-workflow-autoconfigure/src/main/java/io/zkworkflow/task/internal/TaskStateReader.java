package io.zkworkflow.task.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.zkworkflow.internal.BackgroundReads;
import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskSummary;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * Reads the states of many tasks of one name at once, for a page of the search index. The
 * reads of every task go out together, in the order tasks move (data node, then outcome, then
 * dead letter, so a task that moves meanwhile is met in its new place); a task found nowhere
 * is looked for among the delayed ones, then once more everywhere, before it counts as gone.
 */
final class TaskStateReader {

	private static final int ROUNDS = 2;

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final TimeIndex index;

	TaskStateReader(CuratorFramework curator, TaskPaths paths, TaskCodec codec) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.index = new TimeIndex(curator);
	}

	/**
	 * Return the summaries of the tasks that still exist.
	 * @param name the task name
	 * @param uids the uids
	 * @return uid to summary; tasks that are gone are missing
	 */
	Map<String, TaskSummary> read(String name, List<String> uids) throws Exception {
		Map<String, TaskSummary> found = new HashMap<>();
		List<String> missing = uids;
		for (int round = 0; round < ROUNDS && !missing.isEmpty(); round++) {
			readPlaces(name, missing, found);
			readDelayed(name, missing(missing, found), found);
			missing = missing(missing, found);
		}
		return found;
	}

	private void readPlaces(String name, List<String> uids, Map<String, TaskSummary> found) throws Exception {
		BackgroundReads reads = new BackgroundReads(this.curator);
		int[] first = new int[uids.size()];
		for (int i = 0; i < uids.size(); i++) {
			String uid = uids.get(i);
			first[i] = reads.read(this.paths.data(name, uid));
			reads.read(this.paths.done(name, uid));
			reads.read(this.paths.dead(name, uid));
		}
		Map<String, TaskRecord> waiting = new HashMap<>();
		for (int i = 0; i < uids.size(); i++) {
			String uid = uids.get(i);
			byte[] data = reads.result(first[i]);
			byte[] done = reads.result(first[i] + 1);
			byte[] dead = reads.result(first[i] + 2);
			if (data != null) {
				waiting.put(uid, this.codec.read(data, TaskRecord.class));
			}
			else if (done != null) {
				DoneRecord record = this.codec.read(done, DoneRecord.class);
				found.put(uid, summary(name, uid, TaskState.valueOf(record.state()), record.attempts()));
			}
			else if (dead != null) {
				found.put(uid, summary(name, uid, TaskState.DEAD, this.codec.read(dead, TaskRecord.class).attempts()));
			}
		}
		Set<String> running = running(name, waiting.keySet());
		waiting.forEach((uid, record) -> found.put(uid, running.contains(uid)
				? summary(name, uid, TaskState.RUNNING, record.attempts() + 1) : waitingSummary(name, record, false)));
	}

	/** The uids among {@code uids} that hold a run node: the shards involved listed in one burst. */
	private Set<String> running(String name, Set<String> uids) throws Exception {
		Set<String> running = new HashSet<>();
		Set<Integer> shards = new HashSet<>();
		uids.forEach((uid) -> shards.add(TaskUids.shard(uid)));
		BackgroundReads lists = new BackgroundReads(this.curator);
		List<Integer> sent = new ArrayList<>();
		for (int shard : shards) {
			sent.add(lists.list(this.paths.runShard(name, shard)));
		}
		for (int index : sent) {
			for (String node : lists.children(index)) {
				if (node.indexOf('-') > 0 && uids.contains(TaskUids.uidOfNode(node))) {
					running.add(TaskUids.uidOfNode(node));
				}
			}
		}
		return running;
	}

	private void readDelayed(String name, List<String> uids, Map<String, TaskSummary> found) throws Exception {
		if (uids.isEmpty()) {
			return;
		}
		String root = this.paths.delayRoot(name);
		List<String> buckets = this.index.children(root);
		BackgroundReads reads = new BackgroundReads(this.curator);
		for (String bucket : buckets) {
			for (String uid : uids) {
				reads.read(ZKPaths.makePath(root, bucket, uid));
			}
		}
		int next = 0;
		for (int b = 0; b < buckets.size(); b++) {
			for (String uid : uids) {
				byte[] data = reads.result(next++);
				if (data != null) {
					found.put(uid, waitingSummary(name, this.codec.read(data, TaskRecord.class), true));
				}
			}
		}
	}

	private static List<String> missing(List<String> uids, Map<String, TaskSummary> found) {
		List<String> missing = new ArrayList<>();
		for (String uid : uids) {
			if (!found.containsKey(uid)) {
				missing.add(uid);
			}
		}
		return missing;
	}

	private static TaskSummary waitingSummary(String name, TaskRecord record, boolean delayed) {
		TaskState state = record.waitingState(delayed, System.currentTimeMillis());
		Instant due = (record.dueAt() > 0) ? Instant.ofEpochMilli(record.dueAt()) : null;
		return summary(name, record.uid(), state, record.attempts(), due);
	}

	private static TaskSummary summary(String name, String uid, TaskState state, int attempts) {
		return summary(name, uid, state, attempts, null);
	}

	private static TaskSummary summary(String name, String uid, TaskState state, int attempts,
			@Nullable Instant notBefore) {
		return new TaskSummary(new TaskId(name, uid), state, attempts, Instant.ofEpochMilli(TaskUids.submittedAt(uid)),
				notBefore);
	}

}
