package io.zkworkflow.lock;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a held lock becomes {@link LockState#LOST}.
 */
public class LockLostEvent extends ApplicationEvent {

	private final String lockName;

	private final @Nullable String key;

	private final long fencingToken;

	private final String reason;

	public LockLostEvent(Object source, String lockName, @Nullable String key, long fencingToken, String reason) {
		super(source);
		this.lockName = lockName;
		this.key = key;
		this.fencingToken = fencingToken;
		this.reason = reason;
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
	 * Return the token of the lost lock.
	 * @return the token
	 */
	public long getFencingToken() {
		return this.fencingToken;
	}

	/**
	 * Return why the lock was lost.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

}
