package io.zkworkflow.reliability;

/**
 * One thing the {@link HistoryChecker} found wrong.
 *
 * @param kind which guarantee was broken
 * @param subject the item, resource, lock or config key concerned
 * @param detail what the history shows, for the failure message
 */
public record Violation(Kind kind, String subject, String detail) {

	/** The guarantees the checker verifies. */
	public enum Kind {

		/** An acknowledged submission was never committed. */
		LOST,

		/** An item was committed more than once. */
		DOUBLE_COMMIT,

		/** A guarded resource accepted a token lower than one it had already accepted. */
		STALE_TOKEN_ACCEPTED,

		/** A lock holder was superseded and never learned that it lost the lock. */
		SILENT_LOCK_LOSS,

		/** An instance applied a config value that was rejected as invalid. */
		REJECTED_VALUE_APPLIED,

		/** An instance did not end on the last valid published config value. */
		NOT_CONVERGED,

		/** A workflow ended and its durable completion listener never ran. */
		MISSED_COMPLETION,

		/** One tick of a schedule started more than one task. */
		DOUBLE_TICK,

		/** A schedule fired a tick that fell inside one of its paused periods. */
		TICK_WHILE_PAUSED,

		/** A trigger fired more than once, or an acknowledged trigger never fired. */
		TRIGGER_NOT_ONCE,

		/** A workflow step (or fan-out element) was committed more than once. */
		DOUBLE_STEP_COMMIT,

		/** A started timer never fired. */
		LOST_TIMER,

		/** A timer fired more than once. */
		DOUBLE_TIMER_FIRE,

		/** An acknowledged (delivered or kept) signal was never consumed by its wait. */
		LOST_SIGNAL

	}

	@Override
	public String toString() {
		return this.kind + " " + this.subject + ": " + this.detail;
	}

}
