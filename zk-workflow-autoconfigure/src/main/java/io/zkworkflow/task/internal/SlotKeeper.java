package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The fleet-wide slot that one claiming thread keeps across back-to-back attempts, so that a
 * busy thread writes a slot once per busy period rather than once per attempt. The thread gives
 * the slot up when it finds no work (or no rate permit) within its wait and when its loop ends;
 * a slot whose session is no longer the client's is dropped without a write, since ZooKeeper
 * removed it with that session. Without a limit there is nothing to hold and every check passes.
 * Not thread-safe: one per claiming thread.
 */
final class SlotKeeper {

	private static final Log logger = LogFactory.getLog(SlotKeeper.class);

	private static final Duration WAIT_FOR_FREE = Duration.ofSeconds(1);

	private final @Nullable FleetSlots slots;

	private final TaskRuntime runtime;

	private final String name;

	private FleetSlots.@Nullable Slot held;

	SlotKeeper(@Nullable FleetSlots slots, TaskRuntime runtime, String name) {
		this.slots = slots;
		this.runtime = runtime;
		this.name = name;
	}

	/**
	 * Make sure this thread holds a slot of the client's current session, keeping the one it
	 * has when that is still so. When every slot is held, wait (at most a second) until one is
	 * freed and return {@code false}.
	 * @return whether a slot is held, always {@code true} without a limit
	 */
	boolean hold() {
		FleetSlots fleet = this.slots;
		if (fleet == null || stillHeld()) {
			return true;
		}
		drop();
		try {
			FleetSlots.Slot slot = fleet.tryAcquire(this.runtime.sessionId());
			if (slot == null) {
				fleet.awaitFree(WAIT_FOR_FREE);
				return false;
			}
			this.held = slot;
			return true;
		}
		catch (InterruptedException ex) {
			return false;
		}
		catch (Exception ex) {
			logger.debug("Task " + this.name + ": could not take a fleet-wide slot: " + ex, ex);
			// ZooKeeper unreachable: pause instead of spinning, the connection comes back or the session ends
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
			return false;
		}
	}

	/**
	 * Whether the slot taken by {@link #hold()} still belongs to the client's current session
	 * (a local check, no round trip); always {@code true} without a limit.
	 */
	boolean stillHeld() {
		FleetSlots.Slot slot = this.held;
		if (slot == null) {
			return this.slots == null;
		}
		return slot.sessionId() == this.runtime.sessionId();
	}

	/**
	 * The session a claim made now belongs to: the held slot's, so that an attempt claimed
	 * while the session changes counts as one whose lease is lost rather than one outside the
	 * limit.
	 */
	long session() {
		FleetSlots.Slot slot = this.held;
		return (slot != null) ? slot.sessionId() : this.runtime.sessionId();
	}

	/** Give the slot back (no work came, or the loop ends): the next claim takes one again. */
	void release() {
		FleetSlots.Slot slot = this.held;
		this.held = null;
		if (slot != null) {
			slot.release();
		}
	}

	/** Forget a slot of a session that ended: ZooKeeper deleted it, the path may be another's. */
	private void drop() {
		FleetSlots.Slot slot = this.held;
		this.held = null;
		if (slot != null) {
			slot.forget();
		}
	}

}
