package io.zkworkflow.lock.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockMode;
import io.zkworkflow.lock.LockState;
import org.jspecify.annotations.Nullable;

/**
 * One hold on a {@link HeldLock}: the first acquisition or a reentrant one on the same thread.
 */
public final class LockLease implements LockHandle {

	private final HeldLock lock;

	private final boolean reentrant;

	private final AtomicBoolean closed = new AtomicBoolean();

	LockLease(HeldLock lock, boolean reentrant) {
		this.lock = lock;
		this.reentrant = reentrant;
	}

	/**
	 * Return the lock this lease holds.
	 * @return the held lock
	 */
	public HeldLock lock() {
		return this.lock;
	}

	/**
	 * Whether this lease re-entered a lock its thread already held.
	 * @return {@code true} for a reentrant hold
	 */
	public boolean isReentrant() {
		return this.reentrant;
	}

	boolean isClosed() {
		return this.closed.get();
	}

	/**
	 * Stop being the current thread's lock context; the lease stays held until closed, from any
	 * thread. Call on the acquiring thread.
	 */
	public void detach() {
		ThreadLocks.remove(this);
	}

	/**
	 * Close this lease and tell whether ZooKeeper confirms the lock was ours until then: for the
	 * last hold without {@code minHoldTime} one synchronous delete of our node both releases
	 * and confirms it; otherwise an existence check confirms it.
	 * @return {@code false} when the lock turned out to be lost
	 */
	public boolean closeConfirmingHeld() {
		if (!this.closed.compareAndSet(false, true)) {
			return this.lock.state() != LockState.LOST;
		}
		ThreadLocks.remove(this);
		return this.lock.registry.dropHoldConfirming(this.lock);
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			ThreadLocks.remove(this);
			this.lock.registry.dropHold(this.lock);
		}
	}

	@Override
	public long fencingToken() {
		return this.lock.fencingToken();
	}

	@Override
	public LockState state() {
		return this.lock.state();
	}

	@Override
	public void assertHeld() {
		this.lock.assertHeld();
	}

	@Override
	public String name() {
		return this.lock.name();
	}

	@Override
	public @Nullable String key() {
		return this.lock.key();
	}

	@Override
	public LockMode mode() {
		return this.lock.mode();
	}

	@Override
	public Instant since() {
		return this.lock.since();
	}

	@Override
	public String toString() {
		return this.lock.toString();
	}

}
