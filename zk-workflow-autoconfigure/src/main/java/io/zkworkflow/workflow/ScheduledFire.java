package io.zkworkflow.workflow;

import java.time.Instant;

/**
 * The payload of a task (or the input of a workflow) fired by a cron schedule.
 *
 * @param schedule the schedule's name (the task or workflow name)
 * @param fireTime the tick this run stands for
 * @param firedAt when the coordinator submitted it
 * @param late whether the tick was missed and fired by the {@link MisfirePolicy#FIRE_ONCE}
 * policy
 */
public record ScheduledFire(String schedule, Instant fireTime, Instant firedAt, boolean late) {
}
