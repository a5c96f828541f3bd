package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.Map;

import io.zkworkflow.task.AttemptLimits;

import org.springframework.boot.convert.DurationStyle;

/**
 * Reads the per-task overrides that {@link AttemptLimits} puts in a task's attributes. An
 * absent or invalid value falls back to the handler's own.
 */
final class AttemptOverrides {

	private AttemptOverrides() {
	}

	/** The attempt budget from {@link AttemptLimits#MAX_ATTEMPTS}, or {@code fallback}. */
	static int maxAttempts(Map<String, String> attributes, int fallback) {
		String value = attributes.get(AttemptLimits.MAX_ATTEMPTS);
		try {
			return (value != null && Integer.parseInt(value) > 0) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/** A positive duration from {@link AttemptLimits#BACKOFF} or {@link AttemptLimits#TIMEOUT}, else {@code fallback}. */
	static Duration duration(Map<String, String> attributes, String name, Duration fallback) {
		String value = attributes.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			Duration duration = DurationStyle.detectAndParse(value);
			return (duration.isNegative() || duration.isZero()) ? fallback : duration;
		}
		catch (IllegalArgumentException ex) {
			return fallback;
		}
	}

}
