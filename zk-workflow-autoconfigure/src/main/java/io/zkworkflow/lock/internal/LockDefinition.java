package io.zkworkflow.lock.internal;

import java.lang.reflect.Method;
import java.time.Duration;

import io.zkworkflow.lock.LockMode;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.OnLockFailure;
import io.zkworkflow.lock.OnLockLost;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.Expression;

/**
 * A checked {@code @DistributedLocked} declaration: everything resolved at startup except the
 * key's value.
 */
record LockDefinition(String where, String name, @Nullable Expression key, LockMode mode, int permits,
		Duration waitTime, Duration minHoldTime, @Nullable Duration maxHoldTime, OnLockFailure onFailure,
		@Nullable Method fallbackMethod, OnLockLost onLockLost, ReturnKind returnKind) {

	LockRequest request(@Nullable String resolvedKey) {
		return new LockRequest(this.name, resolvedKey, this.mode, this.permits, this.waitTime, this.minHoldTime,
				this.maxHoldTime, this.onLockLost);
	}

}
