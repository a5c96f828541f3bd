package io.zkworkflow.lock.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.lock.internal.AcquireFailedException.Outcome;
import org.apache.curator.framework.CuratorFramework;

/**
 * The time one acquisition may take. Waiting for other holders is bounded by the wait time;
 * a single ZooKeeper round trip gets at least the operation timeout, so that "try once" still
 * gets its answer.
 */
public final class AcquireDeadline {

	private final long deadlineNanos;

	private final long operationTimeoutNanos;

	public AcquireDeadline(Duration waitTime, Duration operationTimeout) {
		this.deadlineNanos = System.nanoTime() + waitTime.toNanos();
		this.operationTimeoutNanos = operationTimeout.toNanos();
	}

	long remainingNanos() {
		return this.deadlineNanos - System.nanoTime();
	}

	long roundTripNanos() {
		return Math.max(remainingNanos(), this.operationTimeoutNanos);
	}

	/**
	 * Return once the client is connected; fail at once when it is not and no wait is left.
	 */
	void awaitConnected(CuratorFramework curator) throws AcquireFailedException, InterruptedException {
		if (curator.getZookeeperClient().isConnected()) {
			return;
		}
		long remainingMillis = TimeUnit.NANOSECONDS.toMillis(remainingNanos());
		if (remainingMillis <= 0
				|| !curator.blockUntilConnected((int) Math.min(remainingMillis, Integer.MAX_VALUE), TimeUnit.MILLISECONDS)) {
			throw new AcquireFailedException(Outcome.UNREACHABLE, "ZooKeeper is not reachable ("
					+ curator.getZookeeperClient().getCurrentConnectionString() + ")", null, null);
		}
	}

	static long sessionId(CuratorFramework curator) throws AcquireFailedException {
		try {
			return curator.getZookeeperClient().getZooKeeper().getSessionId();
		}
		catch (Exception ex) {
			throw new AcquireFailedException(Outcome.UNREACHABLE, "no ZooKeeper session: " + ex, null, ex);
		}
	}

}
