package io.zkworkflow.benchmarks.lock;

import java.util.concurrent.CountDownLatch;

import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.lock.OnLockLost;

/**
 * The bean whose {@link DistributedLocked} methods the annotation subjects call: each runs the
 * body it is given under its lock, so the subject decides what happens while the lock is held.
 */
public class LockedCalls {

	/**
	 * One lock without a key, try once (the lock is never busy in the one-thread subject).
	 * @param body runs while the lock is held
	 */
	@DistributedLocked(name = "bench-one")
	public void one(Runnable body) {
		body.run();
	}

	/**
	 * One lock per key.
	 * @param key the key
	 * @param body runs while the lock is held
	 */
	@DistributedLocked(name = "bench-keys", key = "#p0")
	public void keyed(String key, Runnable body) {
		body.run();
	}

	/**
	 * One lock every instance and thread waits for.
	 * @param body runs while the lock is held
	 */
	@DistributedLocked(name = "bench-contended", waitTime = "60s")
	public void contended(Runnable body) {
		body.run();
	}

	/**
	 * Hold the lock until the call is interrupted, which {@code INTERRUPT} does when the lock is
	 * lost; the call then ends with {@code LockLostException}.
	 * Waits up to 10 s, so that a connection still settling after the previous expiry does not
	 * fail a repetition.
	 * @param key a fresh key per repetition, so no repetition waits for an older, dead session
	 * @param entered counted down once the lock is held
	 * @throws InterruptedException when the loss interrupts the wait
	 */
	@DistributedLocked(name = "bench-loss", key = "#p0", waitTime = "10s", onLockLost = OnLockLost.INTERRUPT)
	public void holdUntilLost(String key, CountDownLatch entered) throws InterruptedException {
		entered.countDown();
		new CountDownLatch(1).await();
	}

}
