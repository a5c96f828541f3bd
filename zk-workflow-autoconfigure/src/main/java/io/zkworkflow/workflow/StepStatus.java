package io.zkworkflow.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One step of a {@link WorkflowStatus}.
 *
 * @param name the step (task) name
 * @param state where the step is
 * @param attempts attempts of its task so far
 * @param taskId the id of its task once submitted ({@code name/uid})
 * @param output its committed output (JSON {@code null} for a void handler)
 * @param error why it failed or was skipped
 * @param startedAt when its task was submitted
 * @param finishedAt when it ended
 */
public record StepStatus(String name, StepState state, int attempts, @Nullable String taskId,
		@Nullable JsonNode output, @Nullable String error, @Nullable Instant startedAt, @Nullable Instant finishedAt) {
}
