package io.zkworkflow.history;

import java.time.Duration;
import java.time.Instant;

import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One recorded task ending.
 *
 * @param id the task
 * @param state {@link TaskState#SUCCEEDED} or {@link TaskState#DEAD}
 * @param attempts attempts made
 * @param output the committed output when it succeeded (JSON {@code null} for void)
 * @param error the last error when it was dead-lettered
 * @param finishedAt when the instance that committed the ending recorded it
 * @param duration how long the successful attempt ran; {@code null} for a dead letter
 */
public record FinishedTask(TaskId id, TaskState state, int attempts, @Nullable JsonNode output,
		@Nullable String error, Instant finishedAt, @Nullable Duration duration) {
}
