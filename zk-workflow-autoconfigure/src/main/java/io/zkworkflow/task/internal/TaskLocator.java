package io.zkworkflow.task.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskAttempt;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskStatus;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Finds a task by id. The uid names its shard and submit-time bucket, so a lookup lists one
 * ready shard and one run shard and reads one data, done and dead node; delayed tasks are
 * found by checking each delay bucket. Looks in the order tasks move (delay, ready, run, finished).
 */
final class TaskLocator {

	private static final int LOOKUPS = 3;

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	TaskLocator(CuratorFramework curator, TaskPaths paths, TaskCodec codec) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
	}

	/**
	 * The task's status. A task that moves between two places while it is looked for is found
	 * in neither, so a miss is looked up again, a few times, before it counts as unknown.
	 */
	TaskStatus status(TaskId id) throws Exception {
		for (int round = 0; round < LOOKUPS; round++) {
			TaskStatus status = lookUp(id);
			if (status.state() != TaskState.UNKNOWN) {
				return status;
			}
		}
		return TaskStatus.unknown(id);
	}

	private TaskStatus lookUp(TaskId id) throws Exception {
		if (!TaskUids.isUid(id.uid())) {
			return TaskStatus.unknown(id);
		}
		Found waiting = findWaiting(id);
		if (waiting != null) {
			TaskRecord record = waiting.record();
			TaskState state = record.waitingState(!waiting.queued(), System.currentTimeMillis());
			Instant due = (record.dueAt() > 0) ? Instant.ofEpochMilli(record.dueAt()) : null;
			return new TaskStatus(id, state, record.attempts(), record.error(), null, due, history(record));
		}
		String runShard = this.paths.runShard(id.name(), TaskUids.shard(id.uid()));
		if (markerIn(runShard, id.uid()) != null) {
			TaskRecord record = dataOf(id);
			if (record != null) {
				return new TaskStatus(id, TaskState.RUNNING, record.attempts() + 1, record.error(), null, null,
						history(record));
			}
		}
		byte[] done = read(this.paths.done(id.name(), id.uid()), null);
		if (done != null) {
			DoneRecord record = this.codec.read(done, DoneRecord.class);
			return new TaskStatus(id, TaskState.valueOf(record.state()), record.attempts(), null, record.output(),
					null, AttemptRecord.toAttempts(record.attemptHistory()));
		}
		byte[] dead = read(this.paths.dead(id.name(), id.uid()), null);
		if (dead != null) {
			TaskRecord record = this.codec.read(dead, TaskRecord.class);
			return new TaskStatus(id, TaskState.DEAD, record.attempts(), record.error(), null, null, history(record));
		}
		return TaskStatus.unknown(id);
	}

	private static List<TaskAttempt> history(TaskRecord record) {
		return AttemptRecord.toAttempts(record.attemptHistory());
	}

	/** Find a task that waits: delayed or ready. */
	@Nullable Found findWaiting(TaskId id) throws Exception {
		if (!TaskUids.isUid(id.uid())) {
			return null;
		}
		for (String bucket : children(this.paths.delayRoot(id.name()))) {
			String path = ZKPaths.makePath(ZKPaths.makePath(this.paths.delayRoot(id.name()), bucket), id.uid());
			Stat stat = new Stat();
			byte[] data = read(path, stat);
			if (data != null) {
				return new Found(path, stat.getVersion(), this.codec.read(data, TaskRecord.class), false);
			}
		}
		return findQueued(id);
	}

	/** The ready marker of a task and its data node's record. */
	private @Nullable Found findQueued(TaskId id) throws Exception {
		String marker = markerIn(this.paths.readyShard(id.name(), TaskUids.shard(id.uid())), id.uid());
		if (marker == null) {
			return null;
		}
		TaskRecord record = dataOf(id);
		return (record != null) ? new Found(marker, -1, record, true) : null;
	}

	/** The path of the ready marker or run node of a task in a shard, {@code null} if none. */
	private @Nullable String markerIn(String shard, String uid) throws Exception {
		String prefix = uid + "-";
		for (String child : children(shard)) {
			if (child.startsWith(prefix)) {
				return ZKPaths.makePath(shard, child);
			}
		}
		return null;
	}

	private @Nullable TaskRecord dataOf(TaskId id) throws Exception {
		byte[] data = read(this.paths.data(id.name(), id.uid()), null);
		return (data != null) ? this.codec.read(data, TaskRecord.class) : null;
	}

	private List<String> children(String path) throws Exception {
		try {
			List<String> children = new ArrayList<>(this.curator.getChildren().forPath(path));
			children.sort(null);
			return children;
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

	private byte @Nullable [] read(String path, @Nullable Stat stat) throws Exception {
		try {
			return (stat != null) ? this.curator.getData().storingStatIn(stat).forPath(path)
					: this.curator.getData().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	/**
	 * A waiting task.
	 *
	 * @param path its delay node or ready marker
	 * @param version the version of that node
	 * @param record the task
	 * @param queued whether it is ready (a marker, with the record in a data node) rather than
	 * delayed (a delay node holding the record)
	 */
	record Found(String path, int version, TaskRecord record, boolean queued) {
	}

}
