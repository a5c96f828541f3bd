package io.zkworkflow.lock;

import java.time.Duration;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import org.jspecify.annotations.Nullable;

/**
 * What to lock and how, for {@link DistributedLockTemplate}. Immutable; start with
 * {@link #exclusive(String)} and refine with the {@code with*} methods.
 *
 * @param name the lock name (letters, digits, '.', '_', '-')
 * @param key the key, or {@code null} for one lock per name; any non-blank string
 * @param mode how the lock is shared
 * @param permits holders allowed at once with {@link LockMode#SEMAPHORE}
 * @param waitTime how long to wait; zero tries once
 * @param minHoldTime keep the lock at least this long after acquiring it
 * @param maxHoldTime treat the lock as lost past this, or {@code null} for no limit
 * @param onLockLost what {@link DistributedLockTemplate#execute} does when the lock is lost
 */
public record LockRequest(String name, @Nullable String key, LockMode mode, int permits, Duration waitTime,
		Duration minHoldTime, @Nullable Duration maxHoldTime, OnLockLost onLockLost) {

	public LockRequest {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new IllegalArgumentException("Lock name " + InputText.quote(String.valueOf(name)) + " " + problem);
		}
		if (key != null && key.isBlank()) {
			throw new IllegalArgumentException("Lock '" + name + "': the key must not be blank; use null for "
					+ "one lock per name");
		}
		if (permits < 1) {
			throw new IllegalArgumentException("Lock '" + name + "': permits must be at least 1, not " + permits);
		}
		requireNotNegative(name, "waitTime", waitTime);
		requireNotNegative(name, "minHoldTime", minHoldTime);
		if (maxHoldTime != null) {
			requireNotNegative(name, "maxHoldTime", maxHoldTime);
		}
	}

	/**
	 * Return an exclusive, keyless, try-once request.
	 * @param name the lock name
	 * @return the request
	 */
	public static LockRequest exclusive(String name) {
		return new LockRequest(name, null, LockMode.EXCLUSIVE, 1, Duration.ZERO, Duration.ZERO, null, OnLockLost.FAIL);
	}

	public LockRequest withKey(@Nullable String key) {
		return new LockRequest(this.name, key, this.mode, this.permits, this.waitTime, this.minHoldTime,
				this.maxHoldTime, this.onLockLost);
	}

	public LockRequest withMode(LockMode mode) {
		return new LockRequest(this.name, this.key, mode, this.permits, this.waitTime, this.minHoldTime,
				this.maxHoldTime, this.onLockLost);
	}

	public LockRequest withPermits(int permits) {
		return new LockRequest(this.name, this.key, this.mode, permits, this.waitTime, this.minHoldTime,
				this.maxHoldTime, this.onLockLost);
	}

	public LockRequest withWaitTime(Duration waitTime) {
		return new LockRequest(this.name, this.key, this.mode, this.permits, waitTime, this.minHoldTime,
				this.maxHoldTime, this.onLockLost);
	}

	public LockRequest withMinHoldTime(Duration minHoldTime) {
		return new LockRequest(this.name, this.key, this.mode, this.permits, this.waitTime, minHoldTime,
				this.maxHoldTime, this.onLockLost);
	}

	public LockRequest withMaxHoldTime(@Nullable Duration maxHoldTime) {
		return new LockRequest(this.name, this.key, this.mode, this.permits, this.waitTime, this.minHoldTime,
				maxHoldTime, this.onLockLost);
	}

	public LockRequest withOnLockLost(OnLockLost onLockLost) {
		return new LockRequest(this.name, this.key, this.mode, this.permits, this.waitTime, this.minHoldTime,
				this.maxHoldTime, onLockLost);
	}

	private static void requireNotNegative(String name, String what, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException("Lock '" + name + "': " + what + " must not be negative, not " + value);
		}
	}

}
