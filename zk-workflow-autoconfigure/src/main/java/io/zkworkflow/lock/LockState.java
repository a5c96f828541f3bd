package io.zkworkflow.lock;

/**
 * The life of one held lock, as its holder sees it.
 */
public enum LockState {

	/** Our lock node exists in our live session. */
	HELD,

	/**
	 * The connection is suspended: another instance cannot have the lock yet (the session has
	 * not expired), but we cannot prove we still have it either.
	 */
	SUSPECT,

	/**
	 * The lock is gone: session lost or replaced, lock node deleted, suspended longer than the
	 * session timeout, or held past {@code maxHoldTime}. Another instance may hold it now.
	 */
	LOST,

	/** Released by its holder. */
	RELEASED

}
