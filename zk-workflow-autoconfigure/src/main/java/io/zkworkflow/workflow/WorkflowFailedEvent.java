package io.zkworkflow.workflow;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Published on the instance that committed a workflow's end as FAILED or CANCELLED, once
 * ZooKeeper confirmed it (after compensation, when one is defined). At most once, like
 * {@link WorkflowCompletedEvent}; {@link WorkflowDefinitionBuilder#onComplete(String) onComplete}
 * is the at-least-once alternative.
 *
 * @param id the workflow
 * @param definition the definition name
 * @param state {@link WorkflowState#FAILED} or {@link WorkflowState#CANCELLED}
 * @param failedStep the step that failed, if any
 * @param error why it failed
 * @param duration from start to the end
 */
public record WorkflowFailedEvent(WorkflowId id, String definition, WorkflowState state, @Nullable String failedStep,
		@Nullable String error, Duration duration) {
}
