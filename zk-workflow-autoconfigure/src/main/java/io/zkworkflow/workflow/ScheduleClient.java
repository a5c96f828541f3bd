package io.zkworkflow.workflow;

import java.util.List;

/**
 * Looks after the application's cron schedules at runtime, from any instance: lists them,
 * pauses, resumes and triggers them, and creates, updates and deletes schedules of its own. Pausing is kept in ZooKeeper, so every instance's
 * coordinator honours it and it survives restarts. Every method returns once ZooKeeper
 * committed its change.
 * <p>
 * A name is a task name ({@code @WorkflowTask(cron = ...)}) or a workflow definition name
 * (a definition with a schedule). Should a task and a workflow share a name, qualify it as
 * {@code task.NAME} or {@code workflow.NAME}.
 */
public interface ScheduleClient {

	/**
	 * Return every schedule with its state.
	 * @return the schedules, tasks first, each in declaration order
	 */
	List<ScheduleInfo> list();

	/**
	 * Return one schedule.
	 * @param name the schedule's name
	 * @return its state
	 * @throws UnknownScheduleException if no schedule has that name
	 */
	ScheduleInfo get(String name);

	/**
	 * Pause a schedule: no coordinator fires its ticks until it is resumed. Pausing a paused
	 * schedule changes nothing.
	 * @param name the schedule's name
	 * @return its state after the change
	 * @throws UnknownScheduleException if no schedule has that name
	 */
	ScheduleInfo pause(String name);

	/**
	 * Resume a paused schedule from the next tick on; the ticks due while it was paused are
	 * not fired (not even by the FIRE_ONCE misfire policy). Resuming a running schedule changes
	 * nothing.
	 * @param name the schedule's name
	 * @return its state after the change
	 * @throws UnknownScheduleException if no schedule has that name
	 */
	ScheduleInfo resume(String name);

	/**
	 * Fire a schedule once now, paused or not, outside its cron ticks: submits its task (or
	 * starts its workflow) exactly once with a {@link ScheduledFire} whose fire time is now.
	 * The schedule's own ticks are not affected.
	 * @param name the schedule's name
	 * @throws UnknownScheduleException if no schedule has that name
	 */
	void trigger(String name);

	/**
	 * Create a cron schedule at runtime. It is kept in ZooKeeper and fired once per tick by
	 * whichever instance is coordinator, like a declared schedule.
	 * @param spec the schedule
	 * @return its state
	 * @throws InvalidScheduleException if the cron expression, zone or target is not valid or
	 * the payload is too large
	 * @throws DuplicateScheduleException if a schedule of that name exists
	 */
	ScheduleInfo create(ScheduleSpec spec);

	/**
	 * Replace a runtime schedule's cron, zone, target and payload; its paused state and last
	 * fired tick stay.
	 * @param spec the schedule, by name
	 * @return its state
	 * @throws InvalidScheduleException if the spec is not valid
	 * @throws UnknownScheduleException if no runtime schedule has that name
	 */
	ScheduleInfo update(ScheduleSpec spec);

	/**
	 * Delete a runtime schedule: it fires no more.
	 * @param name the schedule's name
	 * @throws UnknownScheduleException if no runtime schedule has that name (declared
	 * schedules cannot be deleted, only paused)
	 */
	void delete(String name);

}
