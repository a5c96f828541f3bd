package io.zkworkflow.task.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code min(initial * 2^(n-1), max)}, so retries of many tasks failing together spread out
 * while each still waits at least half its nominal delay.
 */
final class Backoff {

	private Backoff() {
	}

	static long delayMillis(int failedAttempts, long initialMillis, long maxMillis) {
		int exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
		long nominal = Math.min(maxMillis, initialMillis << exponent);
		if (nominal <= 1) {
			return Math.max(0, nominal);
		}
		long half = nominal / 2;
		return half + ThreadLocalRandom.current().nextLong(nominal - half + 1);
	}

}
