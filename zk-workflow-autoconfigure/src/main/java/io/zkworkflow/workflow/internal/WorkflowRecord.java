package io.zkworkflow.workflow.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The data of a workflow znode. Mutable: a transition reads it, changes it and writes it
 * back with a version check, so concurrent transitions serialize through ZooKeeper.
 */
public final class WorkflowRecord {

	public String id = "";

	public String definition = "";

	public WorkflowState state = WorkflowState.RUNNING;

	public @Nullable String key;

	public @Nullable JsonNode input;

	public long startedAt;

	public long finishedAt;

	public boolean cancelRequested;

	public @Nullable String failedStep;

	public @Nullable String error;

	/** The workflow that started this one as a child, if any. */
	public @Nullable String parent;

	/** The step of {@link #parent} this workflow runs. */
	public @Nullable String parentStep;

	/** Steps in definition order, the compensation step (if any) last. */
	public Map<String, StepRecord> steps = new LinkedHashMap<>();

	StepRecord step(String name) {
		StepRecord step = this.steps.get(name);
		if (step == null) {
			step = new StepRecord();
			this.steps.put(name, step);
		}
		return step;
	}

	StepState stateOf(String name) {
		StepRecord step = this.steps.get(name);
		return (step != null) ? step.state : StepState.WAITING;
	}

}
