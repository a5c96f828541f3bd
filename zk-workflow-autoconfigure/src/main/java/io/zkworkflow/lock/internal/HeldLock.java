package io.zkworkflow.lock.internal;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.lock.LockContext;
import io.zkworkflow.lock.LockLostException;
import io.zkworkflow.lock.LockMode;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.LockState;
import org.jspecify.annotations.Nullable;

/**
 * One lock this instance holds, and its state machine: {@code HELD -> SUSPECT} on a suspended
 * connection, {@code SUSPECT -> HELD} only when the same session reconnects with our node intact,
 * {@code -> LOST} otherwise, and {@code -> RELEASED} when its holder gives it back.
 */
public final class HeldLock implements LockContext {

	final HeldLockRegistry registry;

	final LockRequest request;

	final Acquired node;

	final Instant since;

	final long sinceNanos;

	private final AtomicInteger holds = new AtomicInteger(1);

	private volatile LockState state = LockState.HELD;

	private volatile String reason = "";

	volatile long suspectSinceNanos;

	/** Set while we delete our own node, so that its deletion is not taken for a loss. */
	volatile boolean releasing;

	/** Set once ZooKeeper confirmed the watch on our node. */
	volatile boolean nodeWatched;

	volatile @Nullable Thread interruptible;

	volatile @Nullable ScheduledFuture<?> maxHoldTimer;

	/** Set once the sweep asked ZooKeeper to watch our node. */
	volatile boolean watchRequested;

	volatile LockMetrics.Held heldTimer = (outcome) -> {
	};

	HeldLock(HeldLockRegistry registry, LockRequest request, Acquired node) {
		this.registry = registry;
		this.request = request;
		this.node = node;
		this.since = Instant.now();
		this.sinceNanos = System.nanoTime();
	}

	@Override
	public long fencingToken() {
		return this.node.token();
	}

	@Override
	public LockState state() {
		return this.state;
	}

	@Override
	public void assertHeld() {
		LockState current = this.state;
		if (current != LockState.HELD) {
			throw new LockLostException(name(), key(), fencingToken(), current, describeState(), null, null);
		}
	}

	@Override
	public String name() {
		return this.request.name();
	}

	@Override
	public @Nullable String key() {
		return this.request.key();
	}

	@Override
	public LockMode mode() {
		return this.request.mode();
	}

	@Override
	public Instant since() {
		return this.since;
	}

	/**
	 * Return the path of our lock node.
	 * @return the node path
	 */
	public String path() {
		return this.node.path();
	}

	/**
	 * Return why the lock is not held, for messages.
	 * @return a reason
	 */
	public String describeState() {
		return switch (this.state) {
			case HELD -> "held";
			case SUSPECT -> "the ZooKeeper connection is suspended, so the lock may be lost";
			case LOST -> this.reason;
			case RELEASED -> this.reason.isEmpty() ? "already released" : this.reason;
		};
	}

	/**
	 * Run the current thread so that {@code INTERRUPT} can interrupt it, or stop doing so.
	 * @param thread the thread running the locked code, or {@code null}
	 */
	public synchronized void setInterruptible(@Nullable Thread thread) {
		this.interruptible = thread;
	}

	synchronized void interruptIfRunning() {
		Thread thread = this.interruptible;
		if (thread != null) {
			thread.interrupt();
		}
	}

	void addHold() {
		this.holds.incrementAndGet();
	}

	boolean dropHold() {
		return this.holds.decrementAndGet() == 0;
	}

	synchronized boolean suspect() {
		if (this.state != LockState.HELD) {
			return false;
		}
		this.state = LockState.SUSPECT;
		this.suspectSinceNanos = System.nanoTime();
		return true;
	}

	synchronized boolean restore() {
		if (this.state != LockState.SUSPECT) {
			return false;
		}
		this.state = LockState.HELD;
		return true;
	}

	void lose(String why) {
		synchronized (this) {
			if (this.state != LockState.HELD && this.state != LockState.SUSPECT) {
				return;
			}
			this.reason = why;
			this.state = LockState.LOST;
		}
		this.registry.lost(this, why);
	}

	synchronized boolean release() {
		if (this.state == LockState.RELEASED) {
			return false;
		}
		this.state = LockState.RELEASED;
		return true;
	}

	@Override
	public String toString() {
		return "lock '" + name() + "'" + ((key() != null) ? " key '" + key() + "'" : "") + " (token "
				+ fencingToken() + ", " + this.state + ")";
	}

}
