package io.zkworkflow.task.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.zkworkflow.task.TaskAttempt;
import org.jspecify.annotations.Nullable;

/**
 * One attempt as a task's record stores it ({@link TaskRecord#history()},
 * {@link DoneRecord#history()}); {@link AttemptHistory} builds and bounds them.
 *
 * @param number the attempt number
 * @param instance the member id of the instance that ran it
 * @param startedAt the claim time, epoch millis
 * @param millis how long it ran, {@code -1} when unknown
 * @param outcome a {@link TaskAttempt.Outcome} name
 * @param errorClass the class of what the handler threw
 * @param message the error, shortened
 * @param stackTrace the stack trace, shortened
 * @param fencingToken the lease's czxid, 0 when unknown
 */
public record AttemptRecord(int number, String instance, long startedAt, long millis, String outcome,
		@Nullable String errorClass, @Nullable String message, @Nullable String stackTrace, long fencingToken) {

	/** This attempt without its stack trace, to make room in a full history. */
	AttemptRecord withoutStackTrace() {
		return new AttemptRecord(this.number, this.instance, this.startedAt, this.millis, this.outcome,
				this.errorClass, this.message, null, this.fencingToken);
	}

	static List<TaskAttempt> toAttempts(List<AttemptRecord> history) {
		return history.stream().map(AttemptRecord::toAttempt).toList();
	}

	TaskAttempt toAttempt() {
		TaskAttempt.Outcome kind;
		try {
			kind = TaskAttempt.Outcome.valueOf(this.outcome);
		}
		catch (IllegalArgumentException ex) {
			kind = TaskAttempt.Outcome.FAILED;
		}
		return new TaskAttempt(this.number, this.instance, Instant.ofEpochMilli(this.startedAt),
				(this.millis >= 0) ? Duration.ofMillis(this.millis) : null, kind, this.errorClass, this.message,
				this.stackTrace, (this.fencingToken != 0) ? this.fencingToken : null);
	}

}
