package io.zkworkflow.task;

/**
 * Where a task is in its life.
 */
public enum TaskState {

	/** Waiting to be claimed (due, in its ready queue or about to be moved there), and never failed. */
	PENDING,

	/**
	 * Submitted with a delay or a start time that has not come yet, and never failed; it
	 * becomes {@link #PENDING} when due.
	 */
	SCHEDULED,

	/** Claimed by a worker that holds its lease. */
	RUNNING,

	/** An attempt failed; the task waits for its retry (its backoff, then its turn in the queue). */
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
