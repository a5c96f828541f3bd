package io.zkworkflow.autoconfigure.task;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zkworkflow.internal.PropertyChecks;
import io.zkworkflow.task.internal.TaskRateLimit;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the durable task engine (@WorkflowTask, TaskClient).
 */
@ConfigurationProperties(TaskProperties.PREFIX)
public class TaskProperties {

	/** Prefix of the task engine's properties. */
	public static final String PREFIX = "zk-workflow.tasks";

	/** Largest payload the engine accepts: ZooKeeper's 1 MB request limit minus room for task metadata. */
	public static final DataSize MAX_PAYLOAD_LIMIT = DataSize.ofKilobytes(1000);

	/**
	 * Whether the task engine runs: the task client, the workers of this application's
	 * @WorkflowTask methods and its share of the coordinator election.
	 */
	private boolean enabled = true;

	/**
	 * Number of ready-queue shards a submitted task is spread over, per task name. Keep
	 * max-pending / shards below a few thousand so that no queue znode lists more children
	 * than ZooKeeper answers comfortably. Workers serve every shard they find, so producers
	 * and workers need not agree on this value.
	 */
	private int shards = 16;

	/**
	 * Largest accepted payload (its JSON form). Submits above it fail at once; store large
	 * data elsewhere and pass a reference. At most 1000KB.
	 */
	private DataSize maxPayload = DataSize.ofKilobytes(64);

	/**
	 * Most tasks of one name that may wait (ready or delayed) before submit refuses new ones.
	 * Checked against a count refreshed at most every 'pending-count-refresh' plus this
	 * instance's own submissions since, so concurrent producers can overshoot slightly.
	 */
	private int maxPending = 100_000;

	/**
	 * How long the pending count that max-pending is checked against may be reused.
	 */
	private Duration pendingCountRefresh = Duration.ofMillis(500);

	/**
	 * How long the outcome of a finished task (output, cancellation) stays readable with
	 * 'TaskClient.status', counted from the task's submission. Keep history elsewhere
	 * by listening to TaskCompletedEvent.
	 */
	private Duration retention = Duration.ofMinutes(10);

	/**
	 * How long an idempotency key is remembered after the submit that used it. A second
	 * submit with the same key within this window returns the first task's id.
	 */
	private Duration idempotencyRetention = Duration.ofHours(24);

	/**
	 * How long a graceful shutdown lets running tasks finish before handing the rest back
	 * to the queue (without counting the attempt) so another instance runs them at once.
	 * When not set, 'spring.lifecycle.timeout-per-shutdown-phase' less a tenth (at most 1s)
	 * kept for the hand-back; a longer value is cut to that, since Spring Boot stops
	 * waiting for the task engine after the phase timeout.
	 */
	private @Nullable Duration shutdownTimeout;

	/**
	 * How often the elected coordinator moves due delayed tasks to the ready queues and
	 * requeues tasks whose worker lost its lease.
	 */
	private Duration coordinatorInterval = Duration.ofMillis(250);

	/**
	 * How long past its deadline (timeout) a task whose worker still holds the lease may stay
	 * running before the coordinator breaks the lease and retries it elsewhere. Covers
	 * handlers that ignore interruption on a worker that is otherwise alive.
	 */
	private Duration stuckLeaseGrace = Duration.ofMinutes(1);

	/**
	 * How often this instance's member node is updated with its free capacity.
	 */
	private Duration memberRefresh = Duration.ofSeconds(1);

	/**
	 * Fleet-wide limits per task name, set as limits.NAME.concurrency (at most that many
	 * attempts of the name run at once across all instances) and limits.NAME.rate (at most
	 * that many attempts start per period across all instances, such as 100/1m).
	 */
	private final Map<String, Limit> limits = new LinkedHashMap<>();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getShards() {
		return this.shards;
	}

	public void setShards(int shards) {
		if (shards < 1 || shards > 1024) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".shards", shards,
					"Must be between 1 and 1024.");
		}
		this.shards = shards;
	}

	public DataSize getMaxPayload() {
		return this.maxPayload;
	}

	public void setMaxPayload(DataSize maxPayload) {
		if (maxPayload.toBytes() < 1 || maxPayload.compareTo(MAX_PAYLOAD_LIMIT) > 0) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".max-payload", maxPayload,
					"Must be between 1B and 1000KB: ZooKeeper refuses requests above 1 MB. "
							+ "Store large data elsewhere and submit a reference to it.");
		}
		this.maxPayload = maxPayload;
	}

	public int getMaxPending() {
		return this.maxPending;
	}

	public void setMaxPending(int maxPending) {
		if (maxPending < 1) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".max-pending", maxPending,
					"Must be at least 1.");
		}
		this.maxPending = maxPending;
	}

	public Duration getPendingCountRefresh() {
		return this.pendingCountRefresh;
	}

	public void setPendingCountRefresh(Duration pendingCountRefresh) {
		this.pendingCountRefresh = PropertyChecks.notNegative(PREFIX + ".pending-count-refresh", pendingCountRefresh, "500ms");
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = PropertyChecks.notNegative(PREFIX + ".retention", retention, "10m");
	}

	public Duration getIdempotencyRetention() {
		return this.idempotencyRetention;
	}

	public void setIdempotencyRetention(Duration idempotencyRetention) {
		this.idempotencyRetention = PropertyChecks.notNegative(PREFIX + ".idempotency-retention", idempotencyRetention, "24h");
	}

	public @Nullable Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(@Nullable Duration shutdownTimeout) {
		this.shutdownTimeout = (shutdownTimeout != null)
				? PropertyChecks.notNegative(PREFIX + ".shutdown-timeout", shutdownTimeout, "10s") : null;
	}

	public Duration getCoordinatorInterval() {
		return this.coordinatorInterval;
	}

	public void setCoordinatorInterval(Duration coordinatorInterval) {
		if (coordinatorInterval.isNegative() || coordinatorInterval.isZero()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + ".coordinator-interval",
					coordinatorInterval, "Must be positive, for example 250ms.");
		}
		this.coordinatorInterval = coordinatorInterval;
	}

	public Duration getStuckLeaseGrace() {
		return this.stuckLeaseGrace;
	}

	public void setStuckLeaseGrace(Duration stuckLeaseGrace) {
		this.stuckLeaseGrace = PropertyChecks.notNegative(PREFIX + ".stuck-lease-grace", stuckLeaseGrace, "1m");
	}

	public Duration getMemberRefresh() {
		return this.memberRefresh;
	}

	public void setMemberRefresh(Duration memberRefresh) {
		this.memberRefresh = PropertyChecks.positive(PREFIX + ".member-refresh", memberRefresh, "1s");
	}

	public Map<String, Limit> getLimits() {
		return this.limits;
	}

	/**
	 * Fleet-wide limits of one task name.
	 */
	public static class Limit {

		/**
		 * Most attempts of this task name running at once across all instances (each
		 * instance still runs at most its @WorkflowTask concurrency). Unset: no fleet-wide limit.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Most attempts of this task name started per period across all instances, written
		 * PERMITS/PERIOD, for example 100/1m or 5/1s (1 to 1000000 permits, a period of 1s to
		 * 1d). Every attempt, retries included, takes a permit before it is claimed. Unset: no
		 * fleet-wide rate limit.
		 */
		private @Nullable String rate;

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			if (concurrency != null && (concurrency < 1 || concurrency > 10_000)) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + ".limits.<name>.concurrency", concurrency,
						"Must be between 1 and 10000; leave it unset for no fleet-wide limit.");
			}
			this.concurrency = concurrency;
		}

		public @Nullable String getRate() {
			return this.rate;
		}

		public void setRate(@Nullable String rate) {
			if (rate != null && !rate.isBlank()) {
				try {
					TaskRateLimit.parse(rate.trim());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidConfigurationPropertyValueException(PREFIX + ".limits.<name>.rate", rate,
							ex.getMessage() + "; leave it unset for no fleet-wide rate limit.");
				}
			}
			this.rate = rate;
		}

		/** The rate as the engine takes it, {@code null} when unset. */
		@Nullable TaskRateLimit rateLimit() {
			return (this.rate != null && !this.rate.isBlank()) ? TaskRateLimit.parse(this.rate.trim()) : null;
		}

	}

}
