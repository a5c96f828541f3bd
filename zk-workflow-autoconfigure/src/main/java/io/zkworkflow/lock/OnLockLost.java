package io.zkworkflow.lock;

/**
 * What happens to a call whose lock is lost while the method runs.
 */
public enum OnLockLost {

	/** The call ends with {@link LockLostException}, carrying the result or the original exception. */
	FAIL,

	/** As {@link #FAIL}, and the running thread is interrupted as soon as the loss is noticed. */
	INTERRUPT,

	/** The call ends normally; the loss is still logged, counted and published. */
	IGNORE

}
