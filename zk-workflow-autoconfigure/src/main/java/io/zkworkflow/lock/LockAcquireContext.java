package io.zkworkflow.lock;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code zk.workflow.lock.acquire} observation: one try to acquire a distributed
 * lock, from the request to its answer (acquired, or not within the wait time).
 */
public final class LockAcquireContext extends Observation.Context {

	private final String lockName;

	private final LockMode mode;

	private final @Nullable String lockKey;

	private @Nullable String outcome;

	/**
	 * Create a context for one acquisition.
	 * @param lockName the lock name
	 * @param mode the lock mode
	 * @param lockKey the key within the name, if any
	 */
	public LockAcquireContext(String lockName, LockMode mode, @Nullable String lockKey) {
		this.lockName = lockName;
		this.mode = mode;
		this.lockKey = lockKey;
	}

	/**
	 * The name of the requested lock.
	 * @return the lock name
	 */
	public String getLockName() {
		return this.lockName;
	}

	/**
	 * The requested mode.
	 * @return the mode
	 */
	public LockMode getMode() {
		return this.mode;
	}

	/**
	 * The key within the lock name (unbounded: never a low-cardinality tag).
	 * @return the key or {@code null}
	 */
	public @Nullable String getLockKey() {
		return this.lockKey;
	}

	/**
	 * How the acquisition ended: {@code acquired}, {@code busy}, {@code unreachable},
	 * {@code error} or {@code interrupted}; {@code null} while it runs.
	 * @return the outcome or {@code null}
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
