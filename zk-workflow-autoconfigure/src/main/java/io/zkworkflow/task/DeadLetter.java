package io.zkworkflow.task;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * A task that ran out of attempts or could not be bound, with the last error.
 *
 * @param id the task
 * @param attempts attempts made
 * @param error the last error
 * @param deadAt when it was dead-lettered
 * @param payload the task's JSON payload
 * @param history the last attempts, oldest first (see {@link TaskStatus#history()})
 */
public record DeadLetter(TaskId id, int attempts, String error, Instant deadAt, JsonNode payload,
		List<TaskAttempt> history) {
}
