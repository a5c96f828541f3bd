package io.zkworkflow.workflow.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import io.zkworkflow.workflow.MisfirePolicy;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import org.springframework.scheduling.support.CronExpression;

/**
 * One cron schedule: a {@code @WorkflowTask} with {@code cron}, or a workflow definition
 * with a schedule.
 *
 * @param name the task or workflow name
 * @param kind what the schedule fires
 * @param cron the expression as declared
 * @param expression the parsed expression
 * @param zone the zone the expression is read in
 * @param misfire the schedule's own misfire policy, or {@code null} for the default
 * @param target the task or workflow it fires (the name, for a declared schedule)
 * @param payload the payload a runtime schedule fires with, {@code null} for a
 * {@link io.zkworkflow.workflow.ScheduledFire}
 * @param runtime whether it was created at runtime through the schedule client
 */
public record CronSchedule(String name, Kind kind, String cron, CronExpression expression, ZoneId zone,
		@Nullable MisfirePolicy misfire, String target, @Nullable JsonNode payload, boolean runtime) {

	/** A schedule declared in code: it fires the task or workflow of its own name. */
	public CronSchedule(String name, Kind kind, String cron, CronExpression expression, ZoneId zone,
			@Nullable MisfirePolicy misfire) {
		this(name, kind, cron, expression, zone, misfire, name, null, false);
	}

	/** The znode name of the schedule's state. */
	String node() {
		return (this.runtime ? "runtime" : this.kind.name().toLowerCase(java.util.Locale.ROOT)) + "." + this.name;
	}

	/** Return the first tick strictly after {@code after}, or {@code null} if there is none. */
	@Nullable Instant next(Instant after) {
		ZonedDateTime next = this.expression.next(ZonedDateTime.ofInstant(after, this.zone));
		return (next != null) ? next.toInstant() : null;
	}

	/** What a schedule fires. */
	public enum Kind {

		/** Submits a task. */
		TASK,

		/** Starts a workflow. */
		WORKFLOW

	}

}
