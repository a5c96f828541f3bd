package io.zkworkflow.task.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Wakes a waiting claiming thread once a node of another instance's shard becomes stealable
 * ({@link ReadyCandidates#STEAL_AFTER_NANOS}). One timer serves all such nodes, so a node its
 * owner claims at once costs no thread here a wake-up.
 */
final class StealTimer {

	private final ScheduledExecutorService timer;

	private final ReadyCandidates candidates;

	private final BooleanSupplier open;

	private volatile boolean scheduled;

	StealTimer(ScheduledExecutorService timer, ReadyCandidates candidates, BooleanSupplier open) {
		this.timer = timer;
		this.candidates = candidates;
		this.open = open;
	}

	/** Check in {@code delayNanos}, unless a check is due already. */
	void schedule(long delayNanos) {
		if (this.scheduled || !this.open.getAsBoolean()) {
			return;
		}
		this.scheduled = true;
		try {
			this.timer.schedule(this::check, Math.max(1, delayNanos), TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			this.scheduled = false;
		}
	}

	private void check() {
		this.scheduled = false;
		long next = this.candidates.wakeIfStealable(System.nanoTime());
		if (next != Long.MAX_VALUE) {
			schedule(next);
		}
	}

}
