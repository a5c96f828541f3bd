package io.zkworkflow.reliability;

import org.jspecify.annotations.Nullable;

/**
 * One line of a reliability history: something a worker, a guarded resource, an observer or the
 * fault injector saw happen. Written as one JSON object per line by {@link HistoryRecorder}.
 *
 * @param time wall-clock milliseconds when it was recorded (approximate order across processes)
 * @param source who recorded it (a worker id, {@code resource}, {@code observer}, {@code nemesis})
 * @param seq position in the source's own file; the true order of one source's events
 * @param type what happened
 * @param subject what it happened to: an item id, a lock or resource name, a config key
 * @param token a fencing token, for lock grants and guarded writes
 * @param value a detail: a config value, a session state, a znode path, an error
 */
public record HistoryEvent(long time, String source, long seq, Type type, String subject, @Nullable Long token,
		@Nullable String value) {

	/**
	 * What a history event records. The checker reads the types it knows; the others are context
	 * for a person reading the history.
	 */
	public enum Type {

		/** A submission the system acknowledged (a task accepted, an item written). */
		SUBMIT,

		/** A submission that failed or timed out: it may or may not have taken effect. */
		SUBMIT_FAILED,

		/** A worker claimed an item for processing. */
		CLAIM,

		/** An item's work was committed (or, for plain writes, the item was found stored). */
		COMMIT,

		/** An item ended in the dead letters (or a workflow failed): its work was not done. */
		DEAD_LETTER,

		/** A lock holder was granted a lock; {@code token} is its fencing token. */
		LOCK_GRANT,

		/** A lock holder released its lock. */
		LOCK_RELEASE,

		/** A lock holder learned that it lost its lock. */
		LOCK_LOST,

		/** A guarded resource accepted a write carrying {@code token}. */
		WRITE_ACCEPTED,

		/** A guarded resource refused a write carrying a stale {@code token}. */
		WRITE_REFUSED,

		/** A configuration value was published ({@code subject} = key, {@code value} = value). */
		CONFIG_PUBLISH,

		/** An instance refused a published value as invalid. */
		CONFIG_REJECT,

		/** An instance applied a value. */
		CONFIG_APPLY,

		/** The recorder's client changed connection state ({@code value} = state and session). */
		SESSION,

		/** A fault was injected or healed ({@code value} says which). */
		FAULT,

		/**
		 * A workflow's durable completion listener ran ({@code subject} = {@code workflow:id},
		 * {@code value} = how it ended); it may run more than once.
		 */
		NOTIFIED,

		/**
		 * A schedule's task ran ({@code subject} = schedule name, {@code value} =
		 * {@code tick <fire time> task <id>} or {@code trigger <key> task <id>}); it may run more
		 * than once per task.
		 */
		SCHEDULE_FIRE,

		/** A schedule's pause returned: from now on it must fire no tick. */
		SCHEDULE_PAUSE,

		/** A schedule's resume was called: its paused period ends here. */
		SCHEDULE_RESUME,

		/** A schedule's trigger returned: it must fire exactly once for it. */
		SCHEDULE_TRIGGER,

		/** A schedule's trigger failed: it may or may not have fired (never twice). */
		SCHEDULE_TRIGGER_FAILED,

		/**
		 * A workflow step's task committed ({@code subject} = {@code workflow:id/step}, with
		 * {@code #element} for a fan-out element; {@code value} = the task id).
		 */
		STEP_COMMIT,

		/**
		 * A timer step ({@code sleep}, {@code until}) was started: its timer task is in the
		 * workflow ({@code subject} = the timer's task id, {@code value} = {@code workflow:id/step}).
		 */
		TIMER_START,

		/** A timer's task committed: the timer fired ({@code subject} = the timer's task id). */
		TIMER_FIRE,

		/**
		 * A signal call returned ({@code subject} = {@code workflow:id/signal}, {@code value} =
		 * the delivery and the payload's key: {@code DELIVERED flow-7}).
		 */
		SIGNAL_SEND,

		/** A signal call failed: the signal may or may not have been kept or delivered. */
		SIGNAL_SEND_FAILED,

		/**
		 * The step after a wait received the signal's payload: the wait consumed it
		 * ({@code subject} = {@code workflow:id/signal}, {@code value} = the payload's key).
		 */
		SIGNAL_CONSUMED

	}

}
