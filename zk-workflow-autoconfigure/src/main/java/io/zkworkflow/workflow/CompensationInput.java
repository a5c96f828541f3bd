package io.zkworkflow.workflow;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The payload of a workflow's compensation step: bind it as the handler's parameter to learn
 * what to undo.
 *
 * @param workflowId the workflow
 * @param definition the definition name
 * @param cancelled whether the workflow was cancelled (rather than failed)
 * @param failedStep the step that failed, if any
 * @param error why it failed
 * @param input the workflow's input
 * @param outputs the outputs of the steps that succeeded, by step name (empty if they do not
 * fit in one task payload)
 */
public record CompensationInput(String workflowId, String definition, boolean cancelled, @Nullable String failedStep,
		@Nullable String error, @Nullable JsonNode input, Map<String, JsonNode> outputs) {
}
