package io.zkworkflow.task;

import java.time.Duration;

import tools.jackson.databind.JsonNode;

/**
 * Published on the instance that committed a task's output, once ZooKeeper confirmed the
 * commit. Listen to it to keep task history outside ZooKeeper.
 *
 * @param id the task
 * @param attempt the attempt that succeeded
 * @param output the committed output (JSON {@code null} for void)
 * @param duration how long the successful attempt ran
 */
public record TaskCompletedEvent(TaskId id, int attempt, JsonNode output, Duration duration) {
}
