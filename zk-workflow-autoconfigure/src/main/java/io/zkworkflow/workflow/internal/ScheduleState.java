package io.zkworkflow.workflow.internal;

/**
 * The data of a schedule znode.
 *
 * @param cron the expression when last written
 * @param zone the zone when last written
 * @param lastTick the last tick handled (fired or missed), epoch millis
 * @param lastFired the last tick fired, epoch millis (0 if none yet)
 * @param paused whether the schedule is paused (absent in data written before pausing
 * existed, read as {@code false})
 */
record ScheduleState(String cron, String zone, long lastTick, long lastFired, boolean paused) {

	ScheduleState withPaused(boolean paused, long lastTick) {
		return new ScheduleState(this.cron, this.zone, lastTick, this.lastFired, paused);
	}

}
