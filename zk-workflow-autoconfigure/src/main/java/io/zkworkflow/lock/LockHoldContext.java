package io.zkworkflow.lock;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code zk.workflow.lock.hold} observation: one distributed lock held by this
 * instance, from its acquisition to its release. Started on the acquiring thread, so it is a
 * child of whatever was observed there (a request, a scheduled job).
 */
public final class LockHoldContext extends Observation.Context {

	private final String lockName;

	private final LockMode mode;

	private final @Nullable String lockKey;

	private @Nullable String outcome;

	/**
	 * Create a context for one held lock.
	 * @param lockName the lock name
	 * @param mode the lock mode
	 * @param lockKey the key within the name, if any
	 */
	public LockHoldContext(String lockName, LockMode mode, @Nullable String lockKey) {
		this.lockName = lockName;
		this.mode = mode;
		this.lockKey = lockKey;
	}

	/**
	 * The name of the held lock.
	 * @return the lock name
	 */
	public String getLockName() {
		return this.lockName;
	}

	/**
	 * The mode the lock is held in.
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
	 * How the hold ended: {@code released}, or {@code lost} (the session or the node went while
	 * held, or the maximum hold time passed); {@code null} while held.
	 * @return the outcome or {@code null}
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
