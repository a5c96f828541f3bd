package io.zkworkflow.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A snapshot of one workflow instance, as returned by {@link WorkflowClient#status}.
 *
 * @param id the workflow
 * @param definition the definition name
 * @param state where the workflow is
 * @param input the input it was started with
 * @param steps its steps in definition order, the compensation step last
 * @param edges the DAG's edges as [from, to] pairs (empty when this instance does not declare its version)
 * @param error why it failed, if it did
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param version the definition version it started with ({@link WorkflowDefinition#version()}),
 * {@code null} when unknown or recorded before versions were
 */
public record WorkflowStatus(WorkflowId id, @Nullable String definition, WorkflowState state, @Nullable JsonNode input,
		Map<String, StepStatus> steps, List<List<String>> edges, @Nullable String error, @Nullable Instant startedAt,
		@Nullable Instant finishedAt, @Nullable String version) {

	/**
	 * Return the status of a workflow that was not found.
	 * @param id the workflow
	 * @return an {@link WorkflowState#UNKNOWN} status
	 */
	public static WorkflowStatus unknown(WorkflowId id) {
		return new WorkflowStatus(id, null, WorkflowState.UNKNOWN, null, Map.of(), List.of(), null, null, null, null);
	}

	/**
	 * Return one step's status.
	 * @param step the step name
	 * @return its status, or {@code null} if the workflow has no such step
	 */
	public @Nullable StepStatus step(String step) {
		return this.steps.get(step);
	}

}
