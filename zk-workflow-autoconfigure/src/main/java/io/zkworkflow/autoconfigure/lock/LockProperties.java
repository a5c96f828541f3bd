package io.zkworkflow.autoconfigure.lock;

import java.time.Duration;

import io.zkworkflow.internal.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;

/**
 * Settings of distributed locks (@DistributedLocked and DistributedLockTemplate).
 */
@ConfigurationProperties(LockProperties.PREFIX)
public class LockProperties {

	/** Prefix of the lock properties. */
	public static final String PREFIX = "zk-workflow.lock";

	/** Default order of the lock advisor: before (outside) @Transactional. */
	public static final int DEFAULT_ADVISOR_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	/**
	 * Whether @DistributedLocked methods are locked and a DistributedLockTemplate
	 * bean is provided.
	 */
	private boolean enabled = true;

	/**
	 * Default wait for a lock when the annotation sets none. Zero tries once.
	 */
	private Duration waitTime = Duration.ZERO;

	/**
	 * Default time a lock stays held after it was acquired, even when the method returns sooner.
	 */
	private Duration minHoldTime = Duration.ZERO;

	/**
	 * Default time after which a held lock is treated as lost and freed for others. Unset means
	 * no limit.
	 */
	private @Nullable Duration maxHoldTime;

	/**
	 * Longest wait for a single ZooKeeper answer while acquiring, when the wait time is shorter.
	 * Lets "try once" (wait time zero) still get its answer.
	 */
	private Duration operationTimeout = Duration.ofSeconds(5);

	/**
	 * Order of the lock advisor among other advisors. Must be lower than the transaction
	 * advisor's order so that the lock wraps the transaction.
	 */
	private int advisorOrder = DEFAULT_ADVISOR_ORDER;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getWaitTime() {
		return this.waitTime;
	}

	public void setWaitTime(Duration waitTime) {
		this.waitTime = PropertyChecks.notNegative(PREFIX + ".wait-time", waitTime, "10s");
	}

	public Duration getMinHoldTime() {
		return this.minHoldTime;
	}

	public void setMinHoldTime(Duration minHoldTime) {
		this.minHoldTime = PropertyChecks.notNegative(PREFIX + ".min-hold-time", minHoldTime, "1s");
	}

	public @Nullable Duration getMaxHoldTime() {
		return this.maxHoldTime;
	}

	public void setMaxHoldTime(@Nullable Duration maxHoldTime) {
		this.maxHoldTime = (maxHoldTime != null) ? PropertyChecks.positive(PREFIX + ".max-hold-time", maxHoldTime, "5m") : null;
	}

	public Duration getOperationTimeout() {
		return this.operationTimeout;
	}

	public void setOperationTimeout(Duration operationTimeout) {
		this.operationTimeout = PropertyChecks.positive(PREFIX + ".operation-timeout", operationTimeout, "5s");
	}

	public int getAdvisorOrder() {
		return this.advisorOrder;
	}

	public void setAdvisorOrder(int advisorOrder) {
		this.advisorOrder = advisorOrder;
	}

}
