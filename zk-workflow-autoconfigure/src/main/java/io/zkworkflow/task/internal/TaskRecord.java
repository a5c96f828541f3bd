package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.AttemptLimits;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The data of a task's data node, delay node or dead letter. One shape for all, so a
 * transition copies it with a few fields changed; a running attempt is the same shape with the
 * claim's fields filled in ({@link #running}).
 *
 * @param uid the task uid
 * @param name the task name
 * @param key the idempotency key, if any
 * @param attempts attempts started so far (in a running attempt: including itself)
 * @param submittedAt submit time, epoch millis
 * @param dueAt earliest start, epoch millis (0 = now)
 * @param error the last attempt's error
 * @param attributes submit attributes
 * @param payload the JSON payload
 * @param owner the claiming instance (running attempts)
 * @param deadline the attempt's deadline, epoch millis (running attempts)
 * @param maxAttempts the handler's attempt budget (running attempts)
 * @param backoffMillis the handler's initial backoff (running attempts)
 * @param maxBackoffMillis the handler's largest backoff (running attempts)
 * @param deadAt when the task was dead-lettered (dead nodes)
 * @param trace the submitter's trace headers (W3C {@code traceparent} and the like), or
 * {@code null}: absent in records written before trace propagation and when nothing traced the
 * submit
 * @param history the last attempts, oldest first ({@link AttemptHistory}), or {@code null}:
 * absent in records written before attempts were kept
 */
public record TaskRecord(String uid, String name, @Nullable String key, int attempts, long submittedAt, long dueAt,
		@Nullable String error, Map<String, String> attributes, JsonNode payload, @Nullable String owner,
		long deadline, int maxAttempts, long backoffMillis, long maxBackoffMillis, long deadAt,
		@Nullable Map<String, String> trace, @Nullable List<AttemptRecord> history) {

	/** Longest error text kept in ZooKeeper. */
	static final int MAX_ERROR_LENGTH = 2000;

	static TaskRecord submitted(String uid, String name, @Nullable String key, long now, long dueAt,
			Map<String, String> attributes, JsonNode payload) {
		return submitted(uid, name, key, now, dueAt, attributes, payload, Map.of());
	}

	static TaskRecord submitted(String uid, String name, @Nullable String key, long now, long dueAt,
			Map<String, String> attributes, JsonNode payload, Map<String, String> trace) {
		return new TaskRecord(uid, name, key, 0, now, dueAt, null, attributes, payload, null, 0, 0, 0, 0, 0,
				trace.isEmpty() ? null : Map.copyOf(trace), null);
	}

	/** The trace headers stored at submit; empty if none. */
	Map<String, String> traceHeaders() {
		return (this.trace != null) ? this.trace : Map.of();
	}

	/**
	 * The state of this task while it waits: {@code FAILED} once an attempt failed, else
	 * {@code SCHEDULED} in a delay node not yet due, else {@code PENDING}.
	 * @param delayed whether the record was read from a delay node (not the ready queue)
	 * @param now the time, epoch millis
	 */
	TaskState waitingState(boolean delayed, long now) {
		if (this.error != null) {
			return TaskState.FAILED;
		}
		return (delayed && this.dueAt > now) ? TaskState.SCHEDULED : TaskState.PENDING;
	}

	/** The attempts kept so far, oldest first; empty if none (or written before they were kept). */
	List<AttemptRecord> attemptHistory() {
		return (this.history != null) ? this.history : List.of();
	}

	/** This record with {@code attempt} added to its history. */
	TaskRecord withAttempt(AttemptRecord attempt) {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts, this.submittedAt, this.dueAt, this.error,
				this.attributes, this.payload, this.owner, this.deadline, this.maxAttempts, this.backoffMillis,
				this.maxBackoffMillis, this.deadAt, this.trace, AttemptHistory.append(this.history, attempt));
	}

	/**
	 * The data node of this running attempt's task after a hand-back: as it was before the claim
	 * (the attempt is not counted), with {@code attempt} added to its history.
	 */
	TaskRecord handedBack(AttemptRecord attempt) {
		return new TaskRecord(this.uid, this.name, this.key, Math.max(0, this.attempts - 1), this.submittedAt,
				this.dueAt, this.error, this.attributes, this.payload, null, 0, 0, 0, 0, 0, this.trace,
				AttemptHistory.append(this.history, attempt));
	}

	TaskId id() {
		return new TaskId(this.name, this.uid);
	}

	private TaskRecord claimed(String owner, long deadline, int maxAttempts, long backoffMillis, long maxBackoffMillis) {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts + 1, this.submittedAt, this.dueAt,
				this.error, this.attributes, this.payload, owner, deadline, maxAttempts, backoffMillis,
				maxBackoffMillis, 0, this.trace, this.history);
	}

	/**
	 * The running attempt of this task under {@code claim}: one more attempt, and the limits of
	 * the claimer overridden by the task's own {@link AttemptLimits attributes}.
	 */
	TaskRecord running(RunRecord claim) {
		Map<String, String> attributes = this.attributes;
		long timeout = AttemptOverrides
			.duration(attributes, AttemptLimits.TIMEOUT, Duration.ofMillis(claim.timeoutMillis()))
			.toMillis();
		return claimed(claim.owner(), claim.claimedAt() + timeout,
				AttemptOverrides.maxAttempts(attributes, claim.maxAttempts()),
				AttemptOverrides.duration(attributes, AttemptLimits.BACKOFF, Duration.ofMillis(claim.backoffMillis()))
					.toMillis(),
				claim.maxBackoffMillis());
	}

	TaskRecord retryAt(long dueAt, String error) {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts, this.submittedAt, dueAt, truncate(error),
				this.attributes, this.payload, null, 0, 0, 0, 0, 0, this.trace, this.history);
	}

	TaskRecord deadAt(long now, String error) {
		return new TaskRecord(this.uid, this.name, this.key, this.attempts, this.submittedAt, this.dueAt,
				truncate(error), this.attributes, this.payload, null, 0, 0, 0, 0, now, this.trace, this.history);
	}

	TaskRecord revived() {
		return new TaskRecord(this.uid, this.name, this.key, 0, this.submittedAt, 0, this.error, this.attributes,
				this.payload, null, 0, 0, 0, 0, 0, this.trace, this.history);
	}

	private static String truncate(String error) {
		return (error.length() <= MAX_ERROR_LENGTH) ? error : error.substring(0, MAX_ERROR_LENGTH) + "...";
	}

}
