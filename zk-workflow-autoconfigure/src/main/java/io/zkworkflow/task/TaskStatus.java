package io.zkworkflow.task;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A snapshot of one task, as returned by {@link TaskClient#status(TaskId)}.
 *
 * @param id the task
 * @param state where the task is
 * @param attempts attempts started so far
 * @param lastError the error of the last failed attempt, if any
 * @param output the committed output while retained (JSON {@code null} for a handler that
 * returns nothing)
 * @param notBefore when a delayed or retried task becomes ready, if known
 * @param history the last attempts that ended, oldest first, from whichever instance ran them
 * (the record keeps the last ten; a running attempt joins once it ends)
 */
public record TaskStatus(TaskId id, TaskState state, int attempts, @Nullable String lastError,
		@Nullable JsonNode output, @Nullable Instant notBefore, List<TaskAttempt> history) {

	/**
	 * Return the status of a task that was not found.
	 * @param id the task
	 * @return an {@link TaskState#UNKNOWN} status
	 */
	public static TaskStatus unknown(TaskId id) {
		return new TaskStatus(id, TaskState.UNKNOWN, 0, null, null, null, List.of());
	}

}
