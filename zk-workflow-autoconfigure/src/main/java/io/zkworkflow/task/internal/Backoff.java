package io.zkworkflow.task.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * {@code min(initial * 2^(n-1), max)}, so retries of many tasks failing together spread out
 * while each still waits at least half its nominal delay.
 * <p>
 * Kept instead of Spring Framework 7's {@code ExponentialBackOff} / {@code RetryPolicy}
 * (which {@link TaskEnder} does use for its in-process retry loop), for three reasons:
 * <ul>
 * <li>a task retry is not a loop that sleeps: the attempt ends, and the retry is a record
 * requeued into a delay bucket with its due time. {@code RetryTemplate}'s loop and sleep have
 * nothing to run here;</li>
 * <li>the attempt count lives in ZooKeeper and the delay of attempt n is computed from it
 * alone, on whichever instance schedules the retry (worker or coordinator), whereas a
 * {@code BackOffExecution} is stateful and would have to be replayed n steps each time;</li>
 * <li>its jitter is symmetric around the nominal delay and never below the initial interval
 * ({@code interval +- jitter * interval / initial}), so it cannot express "half to all of the
 * nominal delay" that docs/tasks.md promises.</li>
 * </ul>
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
