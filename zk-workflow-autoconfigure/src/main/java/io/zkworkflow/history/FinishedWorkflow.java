package io.zkworkflow.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One recorded workflow ending.
 *
 * @param id the workflow
 * @param definition the definition name
 * @param state {@link WorkflowState#COMPLETED}, {@link WorkflowState#FAILED} or
 * {@link WorkflowState#CANCELLED}
 * @param outputs the outputs of the steps that succeeded, by step name (empty unless completed)
 * @param failedStep the step that failed, if any
 * @param error why it failed, if it did
 * @param startedAt when it started (its end less its duration)
 * @param finishedAt when the instance that committed the end recorded it
 */
public record FinishedWorkflow(WorkflowId id, String definition, WorkflowState state, Map<String, JsonNode> outputs,
		@Nullable String failedStep, @Nullable String error, Instant startedAt, Instant finishedAt) {

	/**
	 * Return how long the workflow ran.
	 * @return from start to end
	 */
	public Duration duration() {
		return Duration.between(this.startedAt, this.finishedAt);
	}

}
