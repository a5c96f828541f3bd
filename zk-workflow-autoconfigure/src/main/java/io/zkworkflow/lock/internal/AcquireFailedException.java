package io.zkworkflow.lock.internal;

import org.jspecify.annotations.Nullable;

/**
 * Why one acquisition failed; the template turns it into a {@code LockNotAcquiredException}.
 */
public final class AcquireFailedException extends Exception {

	/** The metric outcome. */
	public enum Outcome {

		/** Someone else held the lock for the whole wait. */
		BUSY,

		/** ZooKeeper could not be reached or did not answer in time. */
		UNREACHABLE,

		/** ZooKeeper answered with an error. */
		ERROR,

		/** Refused before any call: the session's ephemeral budget is used up. */
		REFUSED

	}

	private final Outcome outcome;

	private final @Nullable String holder;

	AcquireFailedException(Outcome outcome, String reason, @Nullable String holder, @Nullable Throwable cause) {
		super(reason, cause);
		this.outcome = outcome;
		this.holder = holder;
	}

	public Outcome outcome() {
		return this.outcome;
	}

	public @Nullable String holder() {
		return this.holder;
	}

}
