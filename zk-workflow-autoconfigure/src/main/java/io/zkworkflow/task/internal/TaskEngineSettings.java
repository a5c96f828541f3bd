package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.util.unit.DataSize;

/**
 * The settings the task engine and its client run with, handed over by the auto-configuration
 * (which reads them from the {@code zk-workflow.tasks} properties and checks their ranges, and
 * builds the threads from Spring Boot's task builders).
 *
 * @param shards ready-queue shards a submitted task is spread over, per task name
 * @param maxPayload largest payload or output accepted, as JSON
 * @param maxPending most tasks of one name that may wait before a submit is refused
 * @param pendingCountRefresh how long the count that max-pending is checked against may be reused
 * @param retention how long a finished task's outcome stays readable, from its submission
 * @param idempotencyRetention how long an idempotency key is remembered
 * @param shutdownTimeout how long a graceful stop lets running tasks finish
 * @param coordinatorInterval how often the coordinator runs its round
 * @param stuckLeaseGrace how long past its deadline a leased task may run before its lease is broken
 * @param memberRefresh how often this instance's member node is updated
 * @param threads the threads the engine runs handlers and its coordinator on
 * @param fleetConcurrency most attempts of a task name running at once across all instances,
 * by name (names not here have no fleet-wide limit)
 * @param fleetRates most attempts of a task name started per period across all instances,
 * by name (names not here have no fleet-wide rate limit)
 */
public record TaskEngineSettings(int shards, DataSize maxPayload, int maxPending, Duration pendingCountRefresh,
		Duration retention, Duration idempotencyRetention, Duration shutdownTimeout, Duration coordinatorInterval,
		Duration stuckLeaseGrace, Duration memberRefresh, TaskThreads threads, Map<String, Integer> fleetConcurrency,
		Map<String, TaskRateLimit> fleetRates) {

	/**
	 * Settings without fleet-wide rate limits.
	 */
	public TaskEngineSettings(int shards, DataSize maxPayload, int maxPending, Duration pendingCountRefresh,
			Duration retention, Duration idempotencyRetention, Duration shutdownTimeout, Duration coordinatorInterval,
			Duration stuckLeaseGrace, Duration memberRefresh, TaskThreads threads, Map<String, Integer> fleetConcurrency) {
		this(shards, maxPayload, maxPending, pendingCountRefresh, retention, idempotencyRetention, shutdownTimeout,
				coordinatorInterval, stuckLeaseGrace, memberRefresh, threads, fleetConcurrency, Map.of());
	}

	/**
	 * Settings without fleet-wide concurrency limits.
	 */
	public TaskEngineSettings(int shards, DataSize maxPayload, int maxPending, Duration pendingCountRefresh,
			Duration retention, Duration idempotencyRetention, Duration shutdownTimeout, Duration coordinatorInterval,
			Duration stuckLeaseGrace, Duration memberRefresh, TaskThreads threads) {
		this(shards, maxPayload, maxPending, pendingCountRefresh, retention, idempotencyRetention, shutdownTimeout,
				coordinatorInterval, stuckLeaseGrace, memberRefresh, threads, Map.of());
	}

	public TaskEngineSettings {
		fleetConcurrency = Map.copyOf(fleetConcurrency);
		fleetRates = Map.copyOf(fleetRates);
	}

	/** Where these settings come from, so that messages can name the property to change. */
	public static final String PROPERTY_PREFIX = "zk-workflow.tasks";

	/**
	 * Return the full name of one of the engine's properties, for messages.
	 * @param name the property's name below {@link #PROPERTY_PREFIX}, such as {@code max-payload}
	 * @return the full property name
	 */
	static String property(String name) {
		return PROPERTY_PREFIX + "." + name;
	}

}
