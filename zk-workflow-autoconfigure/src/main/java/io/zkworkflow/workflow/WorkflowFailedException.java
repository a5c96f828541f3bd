package io.zkworkflow.workflow;

import org.jspecify.annotations.Nullable;

/**
 * A workflow whose result was awaited ended {@link WorkflowState#FAILED}: a step failed (and
 * compensation, if defined, ran). The message names the step and carries its error.
 */
public class WorkflowFailedException extends RuntimeException {

	private final WorkflowId workflowId;

	private final @Nullable String failedStep;

	private final @Nullable String error;

	public WorkflowFailedException(WorkflowId workflowId, @Nullable String failedStep, @Nullable String error) {
		super("Workflow " + workflowId + " failed" + ((failedStep != null) ? " at step '" + failedStep + "'" : "")
				+ ": " + error);
		this.workflowId = workflowId;
		this.failedStep = failedStep;
		this.error = error;
	}

	/**
	 * Return the workflow.
	 * @return its id
	 */
	public WorkflowId getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * Return the step that failed first.
	 * @return the step name, {@code null} if none was recorded
	 */
	public @Nullable String getFailedStep() {
		return this.failedStep;
	}

	/**
	 * Return why it failed, such as the failed step's last error.
	 * @return the error text, {@code null} if none was recorded
	 */
	public @Nullable String getError() {
		return this.error;
	}

}
