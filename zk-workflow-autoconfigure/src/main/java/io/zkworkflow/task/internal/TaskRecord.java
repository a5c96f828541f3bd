package io.zkworkflow.task.internal;

import java.util.Map;

import io.zkworkflow.task.TaskId;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The data of a ready, run, delay or dead node. One shape for all, so a transition copies it
 * with a few fields changed.
 *
 * @param uid the task uid
 * @param name the task name
 * @param key the idempotency key, if any
 * @param attempts attempts started so far (in a run node: including the running one)
 * @param submittedAt submit time, epoch millis
 * @param dueAt earliest start, epoch millis (0 = now)
 * @param error the last attempt's error
 * @param attributes submit attributes
 * @param payload the JSON payload
 * @param owner the claiming instance (run nodes)
 * @param deadline the attempt's deadline, epoch millis (run nodes)
 * @param maxAttempts the handler's attempt budget (run nodes)
 * @param backoffMillis the handler's initial backoff (run nodes)
 * @param maxBackoffMillis the handler's largest backoff (run nodes)
 * @param deadAt when the task was dead-lettered (dead nodes)
 */
public record TaskRecord(String uid, String name, @Nullable String key, int attempts, long submittedAt, long dueAt,
		@Nullable String error, Map<String, String> attributes, JsonNode payload, @Nullable String owner,
		long deadline, int maxAttempts, long backoffMillis, long maxBackoffMillis, long deadAt) {

	/** Longest error text kept in ZooKeeper. */
	static final int MAX_ERROR_LENGTH = 2000;

	static TaskRecord submitted(String uid, String name, @Nullable String key, long now, long dueAt,
			Map<String, String> attributes, JsonNode payload) {
		return new TaskRecord(uid, name, key, 0, now, dueAt, null, attributes, payload, null, 0, 0, 0, 0, 0);
	}

	TaskId id() {
		return new TaskId(this.name, this.uid);
	}

	TaskRecord claimed(String owner, long deadline, int maxAttempts, long backoffMillis, long maxBackoffMillis) {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts + 1, this.submittedAt, this.dueAt,
				this.error, this.attributes, this.payload, owner, deadline, maxAttempts, backoffMillis,
				maxBackoffMillis, 0);
	}

	TaskRecord retryAt(long dueAt, String error) {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts, this.submittedAt, dueAt, truncate(error),
				this.attributes, this.payload, null, 0, 0, 0, 0, 0);
	}

	TaskRecord handedBack() {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts - 1, this.submittedAt, this.dueAt,
				this.error, this.attributes, this.payload, null, 0, 0, 0, 0, 0);
	}

	TaskRecord deadAt(long now, String error) {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts, this.submittedAt, this.dueAt,
				truncate(error), this.attributes, this.payload, null, 0, 0, 0, 0, now);
	}

	TaskRecord revived() {
		return new TaskRecord(this.uid, this.name, this.key, 0, this.submittedAt, 0, this.error, this.attributes,
				this.payload, null, 0, 0, 0, 0, 0);
	}

	private static String truncate(String error) {
		return (error.length() <= MAX_ERROR_LENGTH) ? error : error.substring(0, MAX_ERROR_LENGTH) + "...";
	}

}
