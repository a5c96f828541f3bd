package io.zkworkflow.workflow;

import java.time.Instant;
import java.time.ZoneId;

import org.jspecify.annotations.Nullable;

/**
 * A cron schedule and its state, as kept in ZooKeeper.
 *
 * @param name the schedule's name: the task or workflow it fires
 * @param kind what it fires
 * @param cron the cron expression
 * @param zone the zone the expression is read in
 * @param paused whether it is paused
 * @param nextFire the next tick it will fire, {@code null} while paused or if the expression
 * has no further tick
 * @param lastFired the last tick fired by the schedule, {@code null} if none yet
 */
public record ScheduleInfo(String name, Kind kind, String cron, ZoneId zone, boolean paused,
		@Nullable Instant nextFire, @Nullable Instant lastFired) {

	/** What a schedule fires. */
	public enum Kind {

		/** Submits a task. */
		TASK,

		/** Starts a workflow. */
		WORKFLOW

	}

}
