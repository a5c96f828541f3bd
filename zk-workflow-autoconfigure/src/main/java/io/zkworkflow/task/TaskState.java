package io.zkworkflow.task;

/**
 * Where a task is in its life.
 */
public enum TaskState {

	/** Waiting to be claimed, or delayed, and never failed. */
	PENDING,

	/** Claimed by a worker that holds its lease. */
	RUNNING,

	/** An attempt failed; the task waits for its retry. */
	FAILED,

	/** Committed its output (readable while retained). */
	SUCCEEDED,

	/** Out of attempts or unbindable; kept in the dead letters until retried or purged. */
	DEAD,

	/** Cancelled before it ran (readable while retained). */
	CANCELLED,

	/** Not found: never submitted, or finished longer ago than the retention. */
	UNKNOWN

}
