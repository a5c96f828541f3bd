package io.zkworkflow.actuate.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.zkworkflow.task.TaskAttemptContext;

/**
 * Remembers the last task attempts that ended on this instance, with their duration, outcome
 * and the stack trace of their error, and counts them per minute. ZooKeeper keeps only a task's
 * last error, as text and without a stack trace (history goes to events, not to ZooKeeper);
 * this journal is what the dashboard shows of earlier attempts. It is fed by the
 * {@code zk.workflow.task.attempt} observation, so it sees attempts only where an
 * {@code ObservationRegistry} is in use (Spring Boot's actuator configures one), and only the
 * attempts this instance ran.
 */
public final class AttemptJournal implements ObservationHandler<TaskAttemptContext> {

	/** How many attempts are kept; older ones are forgotten. */
	static final int CAPACITY = 1000;

	/** Longest stack trace kept per attempt. */
	static final int MAX_STACK_TRACE = 8000;

	private static final Set<String> FAILURES = Set.of("failed", "timed-out", "dead", "lease-lost");

	private final Supplier<String> instance;

	private final Deque<Map<String, Object>> attempts = new ArrayDeque<>();

	private final ThroughputRing throughput = new ThroughputRing();

	/**
	 * Create a journal.
	 * @param instance the id this instance has in the fleet (its member id), shown with each attempt
	 */
	public AttemptJournal(Supplier<String> instance) {
		this.instance = instance;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof TaskAttemptContext;
	}

	@Override
	public void onStart(TaskAttemptContext context) {
		context.put(Started.class, new Started(System.currentTimeMillis(), System.nanoTime()));
	}

	@Override
	public void onStop(TaskAttemptContext context) {
		Started started = context.get(Started.class);
		String outcome = String.valueOf(context.getOutcome());
		long now = System.currentTimeMillis();
		if ("succeeded".equals(outcome) || FAILURES.contains(outcome)) {
			this.throughput.record(now, "succeeded".equals(outcome));
		}
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("taskId", context.getTaskId().toString());
		entry.put("attempt", context.getAttempt());
		entry.put("outcome", outcome);
		entry.put("instance", this.instance.get());
		entry.put("startedAt", (started != null) ? Instant.ofEpochMilli(started.epochMillis()).toString() : null);
		entry.put("endedAt", Instant.ofEpochMilli(now).toString());
		entry.put("durationMillis", (started != null) ? (System.nanoTime() - started.nanos()) / 1_000_000 : null);
		Throwable error = context.getError();
		entry.put("error", (error != null) ? String.valueOf(error) : null);
		entry.put("stackTrace", (error != null) ? stackTrace(error) : null);
		synchronized (this.attempts) {
			this.attempts.addLast(entry);
			while (this.attempts.size() > CAPACITY) {
				this.attempts.removeFirst();
			}
		}
	}

	/**
	 * Return the attempts of one task this instance remembers, oldest first.
	 * @param taskId the task id ({@code name/uid})
	 * @return its attempts
	 */
	public List<Map<String, Object>> attemptsOf(String taskId) {
		List<Map<String, Object>> result = new ArrayList<>();
		synchronized (this.attempts) {
			for (Map<String, Object> entry : this.attempts) {
				if (taskId.equals(entry.get("taskId"))) {
					result.add(entry);
				}
			}
		}
		return result;
	}

	/**
	 * Return the attempts that succeeded and failed here per minute, for the last hour.
	 * @return the instance and its minutes, oldest first
	 */
	public Map<String, Object> throughput() {
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("instance", this.instance.get());
		result.put("minutes", this.throughput.lastHour(System.currentTimeMillis()));
		return result;
	}

	private static String stackTrace(Throwable error) {
		StringWriter text = new StringWriter();
		error.printStackTrace(new PrintWriter(text));
		String trace = text.toString();
		return (trace.length() <= MAX_STACK_TRACE) ? trace : trace.substring(0, MAX_STACK_TRACE) + "\n\t...";
	}

	private record Started(long epochMillis, long nanos) {
	}

}
