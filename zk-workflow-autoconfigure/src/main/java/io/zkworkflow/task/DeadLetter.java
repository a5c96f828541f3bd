package io.zkworkflow.task;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * A task that ran out of attempts or could not be bound, with the last error.
 *
 * @param id the task
 * @param attempts attempts made
 * @param error the last error
 * @param deadAt when it was dead-lettered
 * @param payload the task's JSON payload
 */
public record DeadLetter(TaskId id, int attempts, String error, Instant deadAt, JsonNode payload) {
}
