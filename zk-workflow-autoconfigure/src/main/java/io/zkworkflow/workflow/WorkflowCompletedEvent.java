package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Published on the instance that committed a workflow's last step, once ZooKeeper confirmed
 * it. Keep workflow history outside ZooKeeper by listening to it. At most once: an instance
 * that dies between the commit and the publish loses it; for a reaction that must not be
 * missed declare {@link WorkflowDefinitionBuilder#onComplete(String) onComplete}.
 *
 * @param id the workflow
 * @param definition the definition name
 * @param outputs the outputs of the steps that succeeded, by step name
 * @param duration from start to completion
 */
public record WorkflowCompletedEvent(WorkflowId id, String definition, Map<String, JsonNode> outputs,
		Duration duration) {
}
