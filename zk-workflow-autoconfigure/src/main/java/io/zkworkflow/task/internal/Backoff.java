package io.zkworkflow.task.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code min(initial * 2^(n-1), max)}, so retries of many tasks failing together spread out
 * while each still waits at least half its nominal delay.
 * <p>
 * Not Spring's {@code ExponentialBackOff}: that one is a stateful execution for one in-process
 * retry loop, whereas a task's attempt count lives in ZooKeeper and the delay of attempt n is
 * computed from it alone, on whichever instance schedules the retry (and its jitter is
 * symmetric, so a delay could fall below half of the nominal one).
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
