package io.zkworkflow.lock;

import org.jspecify.annotations.Nullable;

/**
 * A lock was lost (or could not be proven held) while its holder ran. With
 * {@link OnLockLost#FAIL} the call ends with this exception; it carries the method's result, or
 * has the method's own exception as its cause.
 */
public class LockLostException extends RuntimeException {

	private final String lockName;

	private final @Nullable String key;

	private final long fencingToken;

	private final LockState state;

	private final transient @Nullable Object result;

	public LockLostException(String lockName, @Nullable String key, long fencingToken, LockState state,
			String reason, @Nullable Object result, @Nullable Throwable cause) {
		super("Lock '" + lockName + "'" + ((key != null) ? " key '" + key + "'" : "") + " (token " + fencingToken
				+ ") is " + state + ": " + reason, cause);
		this.lockName = lockName;
		this.key = key;
		this.fencingToken = fencingToken;
		this.state = state;
		this.result = result;
	}

	/**
	 * Return the lock name.
	 * @return the name
	 */
	public String getLockName() {
		return this.lockName;
	}

	/**
	 * Return the lock key, or {@code null} for a lock without a key.
	 * @return the key
	 */
	public @Nullable String getKey() {
		return this.key;
	}

	/**
	 * Return the fencing token the lock had.
	 * @return the token
	 */
	public long getFencingToken() {
		return this.fencingToken;
	}

	/**
	 * Return the state the lock was in ({@code SUSPECT} or {@code LOST}).
	 * @return the state
	 */
	public LockState getState() {
		return this.state;
	}

	/**
	 * Return what the method returned before the loss was reported, if it returned normally.
	 * @return the result or {@code null}
	 */
	public @Nullable Object getResult() {
		return this.result;
	}

}
