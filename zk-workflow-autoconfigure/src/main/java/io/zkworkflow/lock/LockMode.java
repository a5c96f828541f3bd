package io.zkworkflow.lock;

/**
 * How a lock is shared between holders.
 */
public enum LockMode {

	/** One holder at a time; waiters are served in arrival order. */
	EXCLUSIVE,

	/** Shared with other readers; excluded by writers. */
	READ,

	/** One holder at a time, excluding readers too. Same lock as {@link #EXCLUSIVE}. */
	WRITE,

	/** Up to {@code permits} holders at a time. */
	SEMAPHORE

}
