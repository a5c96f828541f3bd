package io.zkworkflow.workflow;

import java.time.Duration;

import io.micrometer.observation.Observation;

/**
 * Context of the {@code zk.workflow.workflow.end} observation: a workflow's end
 * ({@code COMPLETED}, {@code FAILED} or {@code CANCELLED}), recorded on the instance that
 * committed it, at the moment it did; its run time is {@link #getDuration()} and the
 * {@code zk.workflow.workflows.completed} timer.
 */
public final class WorkflowEndContext extends Observation.Context {

	private final WorkflowId workflowId;

	private final String workflowName;

	private final WorkflowState outcome;

	private final Duration duration;

	/**
	 * Create a context for the end of a workflow.
	 * @param workflowId the workflow
	 * @param workflowName the workflow definition's name
	 * @param outcome the state it ended in
	 * @param duration from its start to its end
	 */
	public WorkflowEndContext(WorkflowId workflowId, String workflowName, WorkflowState outcome, Duration duration) {
		this.workflowId = workflowId;
		this.workflowName = workflowName;
		this.outcome = outcome;
		this.duration = duration;
	}

	/**
	 * The workflow.
	 * @return the id
	 */
	public WorkflowId getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * The name of the workflow definition.
	 * @return the name
	 */
	public String getWorkflowName() {
		return this.workflowName;
	}

	/**
	 * The state the workflow ended in.
	 * @return the state
	 */
	public WorkflowState getOutcome() {
		return this.outcome;
	}

	/**
	 * How long the workflow ran, from its start to its end.
	 * @return the duration
	 */
	public Duration getDuration() {
		return this.duration;
	}

}
