package io.zkworkflow.workflow.internal;

import io.zkworkflow.workflow.StepState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One step inside a {@link WorkflowRecord}. Mutable: a transition reads the record, changes
 * it and writes it back with a version check.
 */
public final class StepRecord {

	public StepState state = StepState.WAITING;

	public @Nullable String taskId;

	public int attempts;

	public long startedAt;

	public long finishedAt;

	public @Nullable JsonNode output;

	public @Nullable String error;

	/** Whether a wait's timeout fired before its signal arrived (the step then SUCCEEDED). */
	public boolean timedOut;

	/** The id of the child workflow a {@code thenWorkflow} step started. */
	public @Nullable String child;

}
