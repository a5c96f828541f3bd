package io.zkworkflow.config.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the actuator shows of one key's last rejection and last accepted change.
 */
final class KeyStatus {

	volatile @Nullable Instant lastApplied;

	volatile @Nullable Rejection lastRejection;

	record Rejection(String maskedValue, String znodePath, int znodeVersion, String reason, Instant at) {
	}

}
