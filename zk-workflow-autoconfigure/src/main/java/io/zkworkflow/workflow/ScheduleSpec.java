package io.zkworkflow.workflow;

import org.jspecify.annotations.Nullable;

/**
 * A cron schedule created at runtime through {@link ScheduleClient#create}.
 *
 * @param name the schedule's name, unique among all schedules
 * @param cron a Spring cron expression: six fields, seconds first, or a macro such as
 * {@code @daily}
 * @param zone the zone id the expression is read in, {@code null} for UTC
 * @param kind whether it submits a task or starts a workflow
 * @param target the task name or workflow definition name it fires
 * @param payload the task payload or workflow input, turned into JSON with the application's
 * mapper; {@code null} fires a {@link ScheduledFire} as declared schedules do
 */
public record ScheduleSpec(String name, String cron, @Nullable String zone, ScheduleInfo.Kind kind, String target,
		@Nullable Object payload) {

	/**
	 * A schedule that submits a task.
	 * @param name the schedule's name
	 * @param cron the cron expression
	 * @param task the task name
	 * @param payload the payload, or {@code null} for a {@link ScheduledFire}
	 * @return the spec, in UTC
	 */
	public static ScheduleSpec task(String name, String cron, String task, @Nullable Object payload) {
		return new ScheduleSpec(name, cron, null, ScheduleInfo.Kind.TASK, task, payload);
	}

	/**
	 * A schedule that starts a workflow.
	 * @param name the schedule's name
	 * @param cron the cron expression
	 * @param workflow the workflow definition name
	 * @param input the input, or {@code null} for a {@link ScheduledFire}
	 * @return the spec, in UTC
	 */
	public static ScheduleSpec workflow(String name, String cron, String workflow, @Nullable Object input) {
		return new ScheduleSpec(name, cron, null, ScheduleInfo.Kind.WORKFLOW, workflow, input);
	}

	/**
	 * Return this spec read in another zone.
	 * @param zone the zone id
	 * @return a copy with the zone
	 */
	public ScheduleSpec withZone(String zone) {
		return new ScheduleSpec(this.name, this.cron, zone, this.kind, this.target, this.payload);
	}

}
