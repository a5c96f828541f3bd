package io.zkworkflow.lock;

import java.time.Instant;

import io.zkworkflow.lock.internal.ThreadLocks;
import org.jspecify.annotations.Nullable;

/**
 * The lock the current code runs under. Inside a {@link DistributedLocked} method (or a
 * {@link DistributedLockTemplate} callback) {@link #current()} returns the innermost lock.
 */
public interface LockContext {

	/**
	 * Return the innermost lock held by the current thread.
	 * @return the lock context
	 * @throws IllegalStateException when the thread holds no distributed lock
	 */
	static LockContext current() {
		LockContext context = ThreadLocks.current();
		if (context == null) {
			throw new IllegalStateException("LockContext.current() was called outside a lock: call it inside a "
					+ "@DistributedLocked method or a DistributedLockTemplate callback, on the calling thread");
		}
		return context;
	}

	/**
	 * Return the innermost lock held by the current thread, if any.
	 * @return the lock context or {@code null}
	 */
	static @Nullable LockContext currentOrNull() {
		return ThreadLocks.current();
	}

	/**
	 * Return the fencing token: strictly greater for every later holder of the same lock, the
	 * same across reentrant calls. A guarded resource keeps the highest token it has seen and
	 * refuses requests that carry a lower one.
	 * @return the token (the ZooKeeper transaction id that created our lock node)
	 */
	long fencingToken();

	/**
	 * Return the lock's current state.
	 * @return the state
	 */
	LockState state();

	/**
	 * Whether the lock is {@link LockState#HELD}.
	 * @return {@code true} when held
	 */
	default boolean isHeld() {
		return state() == LockState.HELD;
	}

	/**
	 * Throw unless the lock is {@link LockState#HELD}. Call before an irreversible step.
	 * @throws LockLostException when the lock is suspect, lost or released
	 */
	void assertHeld();

	/**
	 * Return the lock name.
	 * @return the name
	 */
	String name();

	/**
	 * Return the lock key, or {@code null} for a lock without a key.
	 * @return the key
	 */
	@Nullable String key();

	/**
	 * Return the lock mode.
	 * @return the mode
	 */
	LockMode mode();

	/**
	 * Return when the lock was acquired.
	 * @return the acquisition instant
	 */
	Instant since();

}
