package io.zkworkflow.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.reliability.Violation.Kind;

/**
 * Reads the schedule part of a {@link History}: every {@code SCHEDULE_FIRE} (a schedule's task
 * ran, for a cron tick or a trigger) against the operator's {@code SCHEDULE_PAUSE},
 * {@code SCHEDULE_RESUME} and {@code SCHEDULE_TRIGGER} lines. A task may run more than once
 * (its worker died mid-run); what must never happen is a second task for one tick, a tick
 * fired inside a paused period, or a trigger that fired twice or not at all.
 */
public final class ScheduleChecker {

	private final History history;

	public ScheduleChecker(History history) {
		this.history = history;
	}

	/**
	 * Run every schedule check.
	 * @return all violations found
	 */
	public List<Violation> all() {
		List<Violation> violations = new ArrayList<>(doubleTicks());
		violations.addAll(ticksWhilePaused());
		violations.addAll(triggersNotFiredOnce());
		return violations;
	}

	/**
	 * Ticks of one schedule that started more than one task.
	 * @return one violation per tick fired twice or more
	 */
	public List<Violation> doubleTicks() {
		List<Violation> violations = new ArrayList<>();
		tasksPerFire("tick").forEach((fire, tasks) -> {
			if (tasks.size() > 1) {
				violations.add(new Violation(Kind.DOUBLE_TICK, fire, tasks.size() + " tasks for one tick: " + tasks));
			}
		});
		return violations;
	}

	/**
	 * Ticks whose fire time lies after a pause of their schedule returned and before the next
	 * resume was called (or the end of the history).
	 * @return one violation per tick fired while paused
	 */
	public List<Violation> ticksWhilePaused() {
		List<Violation> violations = new ArrayList<>();
		for (String fire : tasksPerFire("tick").keySet()) {
			String schedule = fire.substring(0, fire.lastIndexOf(' '));
			long tick = Instant.parse(fire.substring(fire.lastIndexOf(' ') + 1)).toEpochMilli();
			long pausedAt = -1;
			for (HistoryEvent event : this.history.filter((event) -> event.subject().equals(schedule)
					&& (event.type() == Type.SCHEDULE_PAUSE || event.type() == Type.SCHEDULE_RESUME))) {
				if (event.type() == Type.SCHEDULE_PAUSE && pausedAt < 0) {
					pausedAt = event.time();
				}
				else if (event.type() == Type.SCHEDULE_RESUME && pausedAt >= 0) {
					if (tick > pausedAt && tick < event.time()) {
						violations.add(paused(fire, pausedAt, event.time()));
					}
					pausedAt = -1;
				}
			}
			if (pausedAt >= 0 && tick > pausedAt) {
				violations.add(paused(fire, pausedAt, Long.MAX_VALUE));
			}
		}
		return violations;
	}

	/**
	 * Triggers that fired more than one task, schedules with fewer triggered fires than
	 * acknowledged triggers, or with more than triggers attempted.
	 * @return one violation per broken trigger guarantee
	 */
	public List<Violation> triggersNotFiredOnce() {
		List<Violation> violations = new ArrayList<>();
		Map<String, Set<String>> fires = tasksPerFire("trigger");
		fires.forEach((fire, tasks) -> {
			if (tasks.size() > 1) {
				violations.add(new Violation(Kind.TRIGGER_NOT_ONCE, fire, tasks.size() + " tasks for one trigger: " + tasks));
			}
		});
		Set<String> schedules = new LinkedHashSet<>();
		this.history.filter((event) -> event.type() == Type.SCHEDULE_TRIGGER || event.type() == Type.SCHEDULE_TRIGGER_FAILED)
			.forEach((event) -> schedules.add(event.subject()));
		fires.keySet().forEach((fire) -> schedules.add(fire.substring(0, fire.lastIndexOf(' '))));
		for (String schedule : schedules) {
			long acknowledged = count(Type.SCHEDULE_TRIGGER, schedule);
			long failed = count(Type.SCHEDULE_TRIGGER_FAILED, schedule);
			long fired = fires.keySet().stream().filter((fire) -> fire.startsWith(schedule + " ")).count();
			if (fired < acknowledged || fired > acknowledged + failed) {
				violations.add(new Violation(Kind.TRIGGER_NOT_ONCE, schedule, fired + " triggered fires for "
						+ acknowledged + " acknowledged triggers and " + failed + " failed ones"));
			}
		}
		return violations;
	}

	/**
	 * Count the distinct ticks fired.
	 * @return how many ticks started a task
	 */
	public int ticksFired() {
		return tasksPerFire("tick").size();
	}

	/**
	 * Count the distinct triggers fired.
	 * @return how many triggers started a task
	 */
	public int triggersFired() {
		return tasksPerFire("trigger").size();
	}

	/**
	 * Group the fires of one kind by {@code schedule + " " + tick or key}, each with the
	 * distinct tasks that ran for it.
	 */
	private Map<String, Set<String>> tasksPerFire(String kind) {
		Map<String, Set<String>> tasks = new LinkedHashMap<>();
		for (HistoryEvent event : this.history.ofType(Type.SCHEDULE_FIRE)) {
			String[] parts = String.valueOf(event.value()).split(" ");
			if (parts.length != 4 || !"task".equals(parts[2])) {
				throw new IllegalStateException("History event " + event + " needs a value 'tick <time> task <id>' "
						+ "or 'trigger <key> task <id>'");
			}
			if (parts[0].equals(kind)) {
				tasks.computeIfAbsent(event.subject() + " " + parts[1], (fire) -> new LinkedHashSet<>()).add(parts[3]);
			}
		}
		return tasks;
	}

	private long count(Type type, String schedule) {
		return this.history.filter((event) -> event.type() == type && event.subject().equals(schedule)).size();
	}

	private static Violation paused(String fire, long from, long until) {
		return new Violation(Kind.TICK_WHILE_PAUSED, fire, "fired although paused from " + Instant.ofEpochMilli(from)
				+ ((until == Long.MAX_VALUE) ? " to the end" : " to " + Instant.ofEpochMilli(until)));
	}

}
