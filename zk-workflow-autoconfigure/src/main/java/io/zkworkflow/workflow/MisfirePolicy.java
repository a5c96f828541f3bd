package io.zkworkflow.workflow;

/**
 * What a schedule does with ticks that were due while no coordinator could fire them (no
 * instance running, or the coordinator stalled or changing): a tick is missed when it is
 * found more than {@code zk-workflow.schedules.misfire-threshold} after its time.
 */
public enum MisfirePolicy {

	/** Missed ticks are not fired; the schedule goes on with the next tick. */
	SKIP,

	/** Of the ticks missed in one gap, the latest is fired once; the others are not. */
	FIRE_ONCE

}
