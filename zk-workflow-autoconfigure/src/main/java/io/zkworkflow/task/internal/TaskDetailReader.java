package io.zkworkflow.task.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ValueDisclosure;
import io.zkworkflow.task.TaskId;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The {@code tasks/task?id=name/uid} view: one task as ZooKeeper holds it now, with what the
 * task list leaves out: its payload and output (shown as the {@code show-values} rule allows, as
 * configuration values are), its last error, the instance that runs it, the fencing token of the
 * running attempt (the czxid of its lease), the last attempts its record keeps (instance,
 * duration, outcome, error, stack trace) and the times of its life so far. It reads the few
 * znodes the id names; it never lists a queue.
 */
public final class TaskDetailReader {

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final TaskLocator locator;

	public TaskDetailReader(CuratorFramework curator, TaskPaths paths, TaskCodec codec) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.locator = new TaskLocator(curator, paths, codec);
	}

	/**
	 * Return the view.
	 * @param reader the reader
	 * @return the {@code tasks/task} view
	 */
	public static StatusView view(TaskDetailReader reader) {
		return new StatusView() {
			@Override
			public String section() {
				return "tasks";
			}

			@Override
			public String name() {
				return "task";
			}

			@Override
			public @Nullable Object read(@Nullable String id, ValueDisclosure disclosure) {
				if (id == null || id.isBlank()) {
					throw new IllegalArgumentException("tasks/task needs the task id, as ?id=orders/uid");
				}
				return reader.read(TaskId.parse(id), disclosure);
			}
		};
	}

	/**
	 * Read one task.
	 * @param id the task
	 * @param disclosure what the caller may see of payloads and outputs
	 * @return the task's detail, or {@code null} when it is not found (never submitted, or
	 * finished longer ago than the retention)
	 */
	public @Nullable Map<String, Object> read(TaskId id, ValueDisclosure disclosure) {
		try {
			return lookUp(id, disclosure);
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read task " + id + " from ZooKeeper: " + ex, ex);
		}
	}

	private @Nullable Map<String, Object> lookUp(TaskId id, ValueDisclosure disclosure) throws Exception {
		if (!TaskUids.isUid(id.uid())) {
			return null;
		}
		TaskLocator.Found waiting = this.locator.findWaiting(id);
		if (waiting != null) {
			TaskRecord record = waiting.record();
			Map<String, Object> detail = fromRecord(id,
					record.waitingState(!waiting.queued(), System.currentTimeMillis()).name(), record, disclosure);
			detail.put("where", waiting.queued() ? "ready queue" : "delayed until due");
			return detail;
		}
		Map<String, Object> running = running(id, disclosure);
		if (running != null) {
			return running;
		}
		byte[] done = read(this.paths.done(id.name(), id.uid()), null);
		if (done != null) {
			DoneRecord record = this.codec.read(done, DoneRecord.class);
			Map<String, Object> detail = base(id, record.state(), record.attempts());
			detail.put("output", show(disclosure, id, "output", record.output()));
			detail.put("history", history(record.attemptHistory()));
			timeline(detail).put("finishedAt", instant(record.finishedAt()));
			timeline(detail).put("submittedAt", instant(TaskUids.submittedAt(id.uid())));
			return detail;
		}
		byte[] dead = read(this.paths.dead(id.name(), id.uid()), null);
		if (dead != null) {
			TaskRecord record = this.codec.read(dead, TaskRecord.class);
			Map<String, Object> detail = fromRecord(id, "DEAD", record, disclosure);
			timeline(detail).put("deadAt", instant(record.deadAt()));
			return detail;
		}
		return null;
	}

	private @Nullable Map<String, Object> running(TaskId id, ValueDisclosure disclosure) throws Exception {
		String shard = this.paths.runShard(id.name(), TaskUids.shard(id.uid()));
		for (String child : children(shard)) {
			if (!child.startsWith(id.uid() + "-")) {
				continue;
			}
			String runPath = ZKPaths.makePath(shard, child);
			byte[] data = read(this.paths.data(id.name(), id.uid()), null);
			byte[] run = read(runPath, null);
			if (data == null || run == null) {
				return null;
			}
			RunRecord claim = this.codec.read(run, RunRecord.class);
			TaskRecord record = this.codec.read(data, TaskRecord.class);
			Map<String, Object> detail = fromRecord(id, "RUNNING", record, disclosure);
			detail.put("attempts", record.attempts() + 1);
			detail.put("owner", claim.owner());
			Stat lease = this.curator.checkExists().forPath(this.paths.lease(runPath));
			// the token the running handler gets from TaskContext.fencingToken(); no lease: the
			// attempt lost it and the coordinator will requeue the task
			detail.put("fencingToken", (lease != null) ? lease.getCzxid() : null);
			detail.put("leaseHeld", lease != null);
			timeline(detail).put("claimedAt", instant(claim.claimedAt()));
			timeline(detail).put("deadline", instant(claim.claimedAt() + claim.timeoutMillis()));
			return detail;
		}
		return null;
	}

	private Map<String, Object> fromRecord(TaskId id, String state, TaskRecord record, ValueDisclosure disclosure) {
		Map<String, Object> detail = base(id, state, record.attempts());
		detail.put("idempotencyKey", record.key());
		detail.put("attributes", record.attributes());
		detail.put("payload", show(disclosure, id, "payload", record.payload()));
		detail.put("lastError", record.error());
		detail.put("history", history(record.attemptHistory()));
		Map<String, Object> timeline = timeline(detail);
		timeline.put("submittedAt", instant(record.submittedAt()));
		if (record.dueAt() > 0) {
			timeline.put("dueAt", instant(record.dueAt()));
		}
		return detail;
	}

	/** The attempts the record keeps, oldest first, as the console's attempts table shows them. */
	private static List<Map<String, Object>> history(List<AttemptRecord> history) {
		return history.stream().map((attempt) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("attempt", attempt.number());
			row.put("instance", attempt.instance());
			row.put("startedAt", instant(attempt.startedAt()));
			row.put("durationMillis", (attempt.millis() >= 0) ? attempt.millis() : null);
			row.put("outcome", attempt.outcome());
			row.put("errorClass", attempt.errorClass());
			row.put("error", attempt.message());
			row.put("stackTrace", attempt.stackTrace());
			row.put("fencingToken", (attempt.fencingToken() != 0) ? attempt.fencingToken() : null);
			return row;
		}).toList();
	}

	private static Map<String, Object> base(TaskId id, String state, int attempts) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("id", id.toString());
		detail.put("name", id.name());
		detail.put("state", state);
		detail.put("attempts", attempts);
		detail.put("timeline", new LinkedHashMap<String, Object>());
		return detail;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> timeline(Map<String, Object> detail) {
		return (Map<String, Object>) detail.get("timeline");
	}

	/** Payloads and outputs follow the show-values rule: JSON text when shown, else the mask. */
	private static @Nullable String show(ValueDisclosure disclosure, TaskId id, String what, @Nullable JsonNode node) {
		return (node != null) ? disclosure.show("tasks." + id.name() + "." + what, node.toString()) : null;
	}

	private static @Nullable String instant(long epochMillis) {
		return (epochMillis > 0) ? Instant.ofEpochMilli(epochMillis).toString() : null;
	}

	private List<String> children(String path) throws Exception {
		try {
			return this.curator.getChildren().forPath(path);
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

}
