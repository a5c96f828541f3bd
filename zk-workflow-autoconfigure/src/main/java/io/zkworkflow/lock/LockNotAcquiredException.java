package io.zkworkflow.lock;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A lock was not acquired within its wait time, or ZooKeeper could not be reached in that time.
 */
public class LockNotAcquiredException extends RuntimeException {

	private final String lockName;

	private final @Nullable String key;

	private final Duration waited;

	private final @Nullable String holder;

	public LockNotAcquiredException(String lockName, @Nullable String key, Duration waited, @Nullable String holder,
			String reason, @Nullable Throwable cause) {
		super("Lock '" + lockName + "'" + ((key != null) ? " key '" + key + "'" : "") + " not acquired after "
				+ waited.toMillis() + "ms: " + reason + ((holder != null) ? "; current holder: " + holder : ""), cause);
		this.lockName = lockName;
		this.key = key;
		this.waited = waited;
		this.holder = holder;
	}

	/**
	 * Return the lock name.
	 * @return the name
	 */
	public String getLockName() {
		return this.lockName;
	}

	/**
	 * Return the resolved key, or {@code null} for a lock without a key.
	 * @return the key
	 */
	public @Nullable String getKey() {
		return this.key;
	}

	/**
	 * Return how long the caller waited.
	 * @return the time waited
	 */
	public Duration getWaited() {
		return this.waited;
	}

	/**
	 * Return a description of the holder ({@code instance/thread}) when it could be read.
	 * @return the holder or {@code null}
	 */
	public @Nullable String getHolder() {
		return this.holder;
	}

}
