package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.PayloadTooLargeException;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskSubmitException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a payload and its options into the operations of a submit: [idempotency marker, data
 * node and ready marker, or delay node]. Refuses a payload that cannot be written as JSON or
 * is above {@code max-payload}.
 */
final class SubmitPreparer {

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final TaskEngineSettings settings;

	SubmitPreparer(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskEngineSettings settings) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.settings = settings;
	}

	PreparedTask prepare(String name, Object payload, SubmitOptions options, Map<String, String> trace) {
		JsonNode tree;
		try {
			tree = this.codec.toTree(payload);
		}
		catch (JacksonException ex) {
			throw new TaskSubmitException("The payload of task '" + name + "' (" + payload.getClass().getName()
					+ ") cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		int size = this.codec.sizeOf(tree);
		long limit = this.settings.maxPayload().toBytes();
		if (size > limit) {
			throw new PayloadTooLargeException("The payload of task '" + name + "' is " + size
					+ " bytes as JSON, above " + TaskEngineSettings.property("max-payload") + " (" + limit + " bytes). "
					+ "ZooKeeper keeps every task in memory: store large data elsewhere (a database, object "
					+ "storage) and submit a reference to it, or raise the limit (at most 1000KB).");
		}
		long now = System.currentTimeMillis();
		Instant notBefore = options.getNotBefore();
		long dueAt = (notBefore != null && notBefore.toEpochMilli() > now) ? notBefore.toEpochMilli() : 0;
		String uid = TaskUids.next(now, this.settings.shards());
		TaskRecord record = TaskRecord.submitted(uid, name, options.getIdempotencyKey(), now, dueAt,
				options.getAttributes(), tree, trace);
		TaskId id = record.id();
		List<CuratorOp> ops = new ArrayList<>(4);
		try {
			String key = options.getIdempotencyKey();
			if (key != null) {
				ops.add(this.curator.transactionOp()
					.create()
					.forPath(this.paths.idMarker(name, key), id.toString().getBytes(StandardCharsets.UTF_8)));
			}
			if (dueAt > 0) {
				ops.add(TaskOps.createDelayed(this.curator, this.paths, this.codec, record));
			}
			else {
				ops.addAll(TaskOps.enqueue(this.curator, this.paths, this.codec, record));
			}
			// last, so that the failure index of the marker and the task's own nodes stays the same
			ops.add(TaskOps.createIndexEntry(this.curator, this.paths, record));
		}
		catch (Exception ex) {
			throw new TaskSubmitException("Could not prepare task '" + name + "': " + ex, ex);
		}
		return new PreparedTask(id, List.copyOf(ops));
	}

}
