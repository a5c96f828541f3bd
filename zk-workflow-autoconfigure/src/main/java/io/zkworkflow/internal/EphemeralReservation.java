package io.zkworkflow.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One node counted by an {@link EphemeralBudget}. Release it once the node is gone;
 * releasing twice counts once.
 */
public final class EphemeralReservation implements AutoCloseable {

	final EphemeralBudget budget;

	final long sessionId;

	final long bytes;

	final boolean standing;

	private final AtomicBoolean released = new AtomicBoolean();

	EphemeralReservation(EphemeralBudget budget, long sessionId, long bytes, boolean standing) {
		this.budget = budget;
		this.sessionId = sessionId;
		this.bytes = bytes;
		this.standing = standing;
	}

	/**
	 * Stop counting the node.
	 */
	public void release() {
		if (this.released.compareAndSet(false, true)) {
			this.budget.released(this);
		}
	}

	@Override
	public void close() {
		release();
	}

}
