package io.zkworkflow.lock.internal;

import io.zkworkflow.lock.LockMode;
import io.zkworkflow.lock.LockRequest;
import org.jspecify.annotations.Nullable;

/**
 * Creates leases: a new hold on a fresh lock, or a reentrant hold on one the thread has.
 */
public final class LockLeases {

	private LockLeases() {
	}

	/**
	 * Re-enter a lock the current thread already holds through {@code registry}.
	 * @return the reentrant lease, or {@code null} when the thread does not hold the lock
	 * @throws IllegalStateException for a READ to WRITE upgrade
	 */
	public static @Nullable LockLease reenter(HeldLockRegistry registry, LockRequest request) {
		HeldLock held = registry.heldByCurrentThread(request.name(), request.key());
		if (held == null) {
			return null;
		}
		if (held.mode() == LockMode.READ && request.mode() != LockMode.READ) {
			throw new IllegalStateException("Cannot upgrade " + held + " from READ to " + request.mode()
					+ " on the same thread: it would wait for itself forever. Take the lock in WRITE mode in the "
					+ "outer call, or release the READ lock first");
		}
		held.addHold();
		LockLease lease = new LockLease(held, true);
		ThreadLocks.push(lease);
		return lease;
	}

	/**
	 * Register a freshly acquired lock and make it the current thread's innermost lock.
	 */
	public static LockLease start(HeldLockRegistry registry, LockRequest request, Acquired node) {
		LockLease lease = new LockLease(registry.register(request, node), false);
		ThreadLocks.push(lease);
		return lease;
	}

}
