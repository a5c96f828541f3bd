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

	/**
	 * The definition's version when the workflow started ({@link io.zkworkflow.workflow.WorkflowDefinition#version()});
	 * {@code null} for a workflow started before versions were recorded, which any instance advances.
	 */
	public @Nullable String version;

	/** The compensation step of that version, if it has one: what runs should the version be lost. */
	public @Nullable String compensation;

	/**
	 * Whether a transition found no live instance declaring {@link #version}: the workflow then
	 * fails on the steps its record names, and its compensation runs on any instance.
	 */
	public boolean versionLost;

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

	/** The definition of {@link #parent}, so that the task telling it of this end is versioned. */
	public @Nullable String parentDefinition;

	/** The version of {@link #parent}, see {@link #parentDefinition}. */
	public @Nullable String parentVersion;

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
