package io.zkworkflow.lock.internal;

import io.zkworkflow.lock.LockLostException;
import io.zkworkflow.lock.LockState;
import io.zkworkflow.lock.OnLockLost;
import org.jspecify.annotations.Nullable;

/**
 * Runs code under an acquired lease and applies the {@link OnLockLost} policy when it ends.
 */
public final class LockedExecution {

	private LockedExecution() {
	}

	/**
	 * Run {@code body}, then close the lease. When the lock was lost meanwhile and the policy is
	 * not {@code IGNORE}, end with {@link LockLostException} carrying the result or exception.
	 * @param lease the acquired lease, current on this thread
	 * @param policy what a loss does
	 * @param body the locked code
	 * @return what the body returned
	 * @throws Throwable what the body threw, or the loss
	 */
	public static @Nullable Object run(LockLease lease, OnLockLost policy, Body body) throws Throwable {
		HeldLock lock = lease.lock();
		boolean interruptible = policy == OnLockLost.INTERRUPT && !lease.isReentrant();
		if (interruptible) {
			lock.setInterruptible(Thread.currentThread());
		}
		Object result = null;
		Throwable failure = null;
		try {
			result = body.run();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			if (interruptible) {
				lock.setInterruptible(null);
			}
		}
		boolean lost;
		if (lease.isReentrant()) {
			lost = lock.state() == LockState.LOST;
			lease.close();
		}
		else {
			lost = !lease.closeConfirmingHeld();
		}
		if (lost && policy != OnLockLost.IGNORE) {
			if (interruptible) {
				Thread.interrupted();
			}
			throw lossOf(lock, result, failure);
		}
		if (failure != null) {
			throw failure;
		}
		return result;
	}

	/**
	 * Return the exception that reports a lost lock.
	 * @param lock the lost lock
	 * @param result what the locked code returned
	 * @param failure what it threw
	 * @return the exception
	 */
	public static LockLostException lossOf(HeldLock lock, @Nullable Object result, @Nullable Throwable failure) {
		if (failure instanceof LockLostException loss && loss.getFencingToken() == lock.fencingToken()) {
			return loss;
		}
		return new LockLostException(lock.name(), lock.key(), lock.fencingToken(), LockState.LOST,
				lock.describeState(), result, failure);
	}

	/**
	 * Locked code.
	 */
	@FunctionalInterface
	public interface Body {

		@Nullable Object run() throws Throwable;

	}

}
