package io.zkworkflow.lock;

/**
 * A lock acquired through {@link DistributedLockTemplate#acquire}. Close it to release it (a
 * reentrant handle only gives back its own hold).
 *
 * <pre class="code">
 * try (LockHandle lock = template.acquire(LockRequest.exclusive("orders").withKey(id))) {
 *     store.write(data, lock.fencingToken());
 * }
 * </pre>
 */
public interface LockHandle extends LockContext, AutoCloseable {

	/**
	 * Give back this hold. The last hold releases the lock (after {@code minHoldTime}).
	 * Safe to call from any thread and more than once.
	 */
	@Override
	void close();

}
