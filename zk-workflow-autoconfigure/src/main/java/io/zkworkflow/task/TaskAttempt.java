package io.zkworkflow.task;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One attempt of a task, as the task's record in ZooKeeper keeps it: any instance reads the
 * same list ({@link TaskStatus#history()}, {@link DeadLetter#history()}). The record keeps the
 * last attempts only, and shortens long messages and stack traces.
 *
 * @param number the attempt number, from 1
 * @param instance the member id of the instance that ran it
 * @param startedAt when it was claimed
 * @param duration how long it ran, {@code null} when unknown (its worker died)
 * @param outcome how it ended
 * @param errorClass the class of what the handler threw, if it threw
 * @param errorMessage the error, shortened, if the attempt did not succeed
 * @param stackTrace the stack trace with its causes, shortened, if the handler threw
 * @param fencingToken the fencing token of the attempt's lease, {@code null} when the handler
 * did not ask for it and the attempt ended on its own
 */
public record TaskAttempt(int number, String instance, Instant startedAt, @Nullable Duration duration,
		Outcome outcome, @Nullable String errorClass, @Nullable String errorMessage, @Nullable String stackTrace,
		@Nullable Long fencingToken) {

	/** How an attempt ended. */
	public enum Outcome {

		/** The handler returned and its output was committed. */
		SUCCEEDED,

		/** The handler threw, or its payload or output was refused. */
		FAILED,

		/** The handler ran past its timeout and was interrupted. */
		TIMED_OUT,

		/** The worker lost its lease (it died, or its session expired); another party requeued the task. */
		LEASE_LOST,

		/** The instance shut down and put the task back without counting the attempt. */
		HANDED_BACK

	}

}
