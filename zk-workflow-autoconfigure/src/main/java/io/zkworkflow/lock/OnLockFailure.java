package io.zkworkflow.lock;

/**
 * What a {@link DistributedLocked} method does when its lock is not acquired within
 * {@code waitTime}.
 */
public enum OnLockFailure {

	/** Throw {@link LockNotAcquiredException}. */
	THROW,

	/**
	 * Do not run the method; return {@code null}, {@code Optional.empty()}, a completed empty
	 * {@code CompletableFuture}, or an empty {@code Mono}/{@code Flux}.
	 */
	SKIP,

	/**
	 * Call the {@code fallbackMethod} on the same bean, or the {@link LockFailureHandler} bean when
	 * no fallback method is named.
	 */
	FALLBACK

}
