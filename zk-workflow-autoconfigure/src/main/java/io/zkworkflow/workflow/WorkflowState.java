package io.zkworkflow.workflow;

/**
 * Where a workflow instance is in its life.
 */
public enum WorkflowState {

	/** Steps run as their predecessors finish. */
	RUNNING,

	/** A step failed: running steps finish, nothing new starts, then compensation runs. */
	FAILING,

	/** Cancel was requested: running steps finish, nothing new starts. */
	CANCELLING,

	/** The compensation step runs. */
	COMPENSATING,

	/** Every step succeeded or was skipped by its condition. */
	COMPLETED,

	/** A step failed (and compensation, if defined, ran). */
	FAILED,

	/** Cancelled (and compensation, if defined, ran). */
	CANCELLED,

	/** Not found: never started, or finished longer ago than the retention. */
	UNKNOWN;

	/**
	 * Whether the workflow has ended.
	 * @return whether it is COMPLETED, FAILED or CANCELLED
	 */
	public boolean isFinished() {
		return this == COMPLETED || this == FAILED || this == CANCELLED;
	}

}
