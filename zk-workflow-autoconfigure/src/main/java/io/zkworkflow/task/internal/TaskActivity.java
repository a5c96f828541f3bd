package io.zkworkflow.task.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.task.TaskDeadLetteredEvent;

import org.springframework.context.event.EventListener;

/**
 * Counts, per task name, the tasks this instance completed and dead-lettered since it started,
 * so the {@code tasks} section shows which instance did the work.
 */
public class TaskActivity {

	private final Map<String, LongAdder> succeeded = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> deadLettered = new ConcurrentHashMap<>();

	@EventListener
	void completed(TaskCompletedEvent event) {
		this.succeeded.computeIfAbsent(event.id().name(), (name) -> new LongAdder()).increment();
	}

	@EventListener
	void deadLettered(TaskDeadLetteredEvent event) {
		this.deadLettered.computeIfAbsent(event.id().name(), (name) -> new LongAdder()).increment();
	}

	/**
	 * Return this instance's counts for one task name.
	 * @param name the task name
	 * @return {@code succeeded} and {@code deadLettered} counts
	 */
	public Map<String, Long> countsFor(String name) {
		Map<String, Long> counts = new TreeMap<>();
		counts.put("succeeded", sum(this.succeeded.get(name)));
		counts.put("deadLettered", sum(this.deadLettered.get(name)));
		return counts;
	}

	private static long sum(LongAdder adder) {
		return (adder != null) ? adder.sum() : 0;
	}

}
