package io.zkworkflow.actuate.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.zkworkflow.task.TaskAttemptContext;

/**
 * Counts the task attempts that ended on this instance per minute, for the console's overview.
 * It is fed by the {@code zk.workflow.task.attempt} observation, so it sees attempts only where
 * an {@code ObservationRegistry} is in use (Spring Boot's actuator configures one), and only the
 * attempts this instance ran. The attempts of one task, from any instance, are in the task's
 * record in ZooKeeper ({@code tasks/task?id=}).
 */
public final class AttemptJournal implements ObservationHandler<TaskAttemptContext> {

	private static final Set<String> FAILURES = Set.of("failed", "timed-out", "dead", "lease-lost");

	private final Supplier<String> instance;

	private final ThroughputRing throughput = new ThroughputRing();

	/**
	 * Create a journal.
	 * @param instance the id this instance has in the fleet (its member id), shown with the counts
	 */
	public AttemptJournal(Supplier<String> instance) {
		this.instance = instance;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof TaskAttemptContext;
	}

	@Override
	public void onStop(TaskAttemptContext context) {
		String outcome = String.valueOf(context.getOutcome());
		if ("succeeded".equals(outcome) || FAILURES.contains(outcome)) {
			this.throughput.record(System.currentTimeMillis(), "succeeded".equals(outcome));
		}
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

}
