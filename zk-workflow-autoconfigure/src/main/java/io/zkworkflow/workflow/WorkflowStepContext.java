package io.zkworkflow.workflow;

import io.micrometer.observation.Observation;

/**
 * Context of the {@code zk.workflow.workflow.step} observation: a step's end, recorded on the
 * instance that committed it. A step runs from one instance's submit to another's handler, so
 * the observation marks its end rather than timing it; its duration is the
 * {@code zk.workflow.workflows.step.duration} timer.
 */
public final class WorkflowStepContext extends Observation.Context {

	private final WorkflowId workflowId;

	private final String workflowName;

	private final String step;

	private final StepState outcome;

	/**
	 * Create a context for the end of a step.
	 * @param workflowId the workflow
	 * @param workflowName the workflow definition's name
	 * @param step the step id
	 * @param outcome the state the step ended in
	 */
	public WorkflowStepContext(WorkflowId workflowId, String workflowName, String step, StepState outcome) {
		this.workflowId = workflowId;
		this.workflowName = workflowName;
		this.step = step;
		this.outcome = outcome;
	}

	/**
	 * The workflow of the step.
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
	 * The step id.
	 * @return the step
	 */
	public String getStep() {
		return this.step;
	}

	/**
	 * The state the step ended in.
	 * @return the state
	 */
	public StepState getOutcome() {
		return this.outcome;
	}

}
