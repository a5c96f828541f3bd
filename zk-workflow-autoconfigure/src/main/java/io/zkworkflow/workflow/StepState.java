package io.zkworkflow.workflow;

/**
 * Where one step of a workflow is.
 */
public enum StepState {

	/** Its predecessors have not all finished. */
	WAITING,

	/** Its task is submitted: waiting for a worker, running, or waiting for a retry. */
	RUNNING,

	/** Its task committed an output. */
	SUCCEEDED,

	/** Its task ran out of attempts, or its output was too large. */
	FAILED,

	/** Its condition was false, or every predecessor was skipped. */
	SKIPPED,

	/** It never ran because the workflow failed or was cancelled first. */
	CANCELLED;

	/**
	 * Whether the step has ended.
	 * @return whether it is neither WAITING nor RUNNING
	 */
	public boolean isFinished() {
		return this != WAITING && this != RUNNING;
	}

}
