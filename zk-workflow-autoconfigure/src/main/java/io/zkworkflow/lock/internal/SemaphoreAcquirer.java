package io.zkworkflow.lock.internal;

import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralReservation;
import io.zkworkflow.lock.internal.AcquireFailedException.Outcome;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * {@code SEMAPHORE} mode: Curator's {@link InterProcessSemaphoreV2} under the lock directory;
 * the token is the creation zxid of our lease node.
 */
public final class SemaphoreAcquirer {

	private static final long RETRY_WAIT_MILLIS = 50;

	private final CuratorFramework curator;

	private final EphemeralBudget budget;

	public SemaphoreAcquirer(CuratorFramework curator, EphemeralBudget budget) {
		this.curator = curator;
		this.budget = budget;
	}

	/**
	 * Acquire a lease. Curator creates two ephemeral nodes on the way, the node of its inner
	 * mutex (deleted once the lease exists) and the lease: both are reserved before Curator is
	 * called, the first released when acquisition ends.
	 */
	public Acquired acquire(String dir, int permits, AcquireDeadline deadline)
			throws AcquireFailedException, InterruptedException {
		deadline.awaitConnected(this.curator);
		long session = AcquireDeadline.sessionId(this.curator);
		long size = EphemeralBudget.sizeOf(LockPaths.semaphoreNodePath(this.curator, dir));
		EphemeralReservation lease = reserve(session, size);
		EphemeralReservation innerMutex;
		try {
			innerMutex = reserve(session, size);
		}
		catch (AcquireFailedException ex) {
			lease.release();
			throw ex;
		}
		boolean acquired = false;
		try {
			Acquired node = acquire(dir, permits, deadline, session, lease);
			acquired = true;
			return node;
		}
		finally {
			innerMutex.release();
			if (!acquired) {
				lease.release();
			}
		}
	}

	private EphemeralReservation reserve(long session, long size) throws AcquireFailedException {
		EphemeralReservation reservation = this.budget.tryReserve(session, size);
		if (reservation == null) {
			throw new AcquireFailedException(Outcome.REFUSED, this.budget.refusal(size), null, null);
		}
		return reservation;
	}

	private Acquired acquire(String dir, int permits, AcquireDeadline deadline, long session, EphemeralReservation reservation)
			throws AcquireFailedException, InterruptedException {
		InterProcessSemaphoreV2 semaphore = new InterProcessSemaphoreV2(this.curator, dir, permits);
		Lease lease;
		try {
			lease = semaphore.acquire(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
			long retryUntil = System.nanoTime() + deadline.roundTripNanos();
			while (lease == null && permitFree(dir, permits) && System.nanoTime() < retryUntil) {
				// Curator gives up when its internal mutex is briefly contended, even with permits free
				lease = semaphore.acquire(RETRY_WAIT_MILLIS, TimeUnit.MILLISECONDS);
			}
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new AcquireFailedException(Outcome.UNREACHABLE, "semaphore acquisition failed: " + ex, null, ex);
		}
		if (lease == null) {
			throw new AcquireFailedException(Outcome.BUSY, "all " + permits + " permits are taken", null, null);
		}
		String path = ZKPaths.makePath(dir, "leases", lease.getNodeName());
		try {
			Stat stat = this.curator.checkExists().forPath(path);
			if (stat == null || stat.getEphemeralOwner() != session) {
				ZkCalls.deleteGuaranteed(this.curator, path);
				throw new AcquireFailedException(Outcome.ERROR, "our lease " + path + " vanished", null, null);
			}
			return new Acquired(path, stat.getCzxid(), session, reservation);
		}
		catch (AcquireFailedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			ZkCalls.deleteGuaranteed(this.curator, path);
			throw new AcquireFailedException(Outcome.UNREACHABLE, "reading our lease failed: " + ex, null, ex);
		}
	}

	private boolean permitFree(String dir, int permits) throws Exception {
		try {
			return this.curator.getChildren().forPath(ZKPaths.makePath(dir, "leases")).size() < permits;
		}
		catch (KeeperException.NoNodeException ex) {
			return true;
		}
	}

}
