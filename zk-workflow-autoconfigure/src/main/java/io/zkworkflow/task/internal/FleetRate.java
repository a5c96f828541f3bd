package io.zkworkflow.task.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The fleet-wide rate limit of one task name: a PERSISTENT znode holding the
 * {@link RateWindow} of the whole fleet, updated by compare-and-set (a {@code setData} with
 * the version read). Two instances granting a permit at once cannot both win, so the counts
 * are the fleet's. The znode outlives sessions: an instance that dies takes no permits with it
 * and gives none back.
 * <p>
 * One thread per instance talks to ZooKeeper at a time, the others wait for it, so that a
 * name with many threads does not make them race each other's versions; that thread asks for
 * a permit for every thread then waiting too, in the same {@code setData}, and leaves the
 * extra ones for them. A permit left so is used only within the slice it was counted in (and
 * dropped after), so starts stay within the limit the counts enforce. The last state written
 * or read is kept: an instance alone on the name grants permits with one {@code setData} and
 * no read.
 */
final class FleetRate {

	private final CuratorFramework curator;

	private final String path;

	private final TaskRateLimit limit;

	private final long sliceMillis;

	private final Clock clock;

	private final ReentrantLock turn = new ReentrantLock();

	/** The state as last read or written, {@code null} when it must be read. */
	private @Nullable RateWindow known;

	private int knownVersion;

	/** Wall-clock millis before which no permit can be free, as far as this instance knows. */
	private long notBefore;

	/** Most permits one {@code setData} asks for: the waiting threads of one instance. */
	private static final int MAX_BATCH = 64;

	/** Permits granted for threads that were waiting, usable within {@link #leftSlice} only. */
	private int left;

	private long leftSlice;

	FleetRate(CuratorFramework curator, String path, TaskRateLimit limit, Clock clock) {
		this.curator = curator;
		this.path = path;
		this.limit = limit;
		this.sliceMillis = limit.period().toMillis() / RateWindow.SLICES;
		this.clock = clock;
	}

	TaskRateLimit limit() {
		return this.limit;
	}

	/**
	 * Take a permit, waiting at most {@code maxWait} for one to become free.
	 * @param maxWait the longest wait
	 * @return whether a permit was taken
	 * @throws Exception when ZooKeeper cannot be reached (nothing was granted then, or a grant
	 * whose answer was lost is spent unused)
	 */
	boolean tryTake(Duration maxWait) throws Exception {
		long deadline = System.nanoTime() + maxWait.toNanos();
		if (!this.turn.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
			return false;
		}
		try {
			while (true) {
				long now = this.clock.millis();
				if (this.left > 0 && this.leftSlice == now / this.sliceMillis) {
					this.left--;
					return true;
				}
				this.left = 0;
				if (now < this.notBefore) {
					long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
					if (left <= 0) {
						return false;
					}
					// permits come back with time, not with a write: no watch to wait for
					Thread.sleep(Math.min(this.notBefore - now, left));
					continue;
				}
				if (grant(now)) {
					return true;
				}
			}
		}
		finally {
			this.turn.unlock();
		}
	}

	/** One compare-and-set round; {@code false} when the version moved or no permit is free. */
	private boolean grant(long now) throws Exception {
		RateWindow current = this.known;
		if (current == null) {
			current = read();
		}
		RateWindow next = current.copy();
		int wanted = 1 + Math.min(this.turn.getQueueLength(), MAX_BATCH - 1);
		int granted = next.take(now / this.sliceMillis, this.limit.permits(), wanted);
		if (granted == 0) {
			// keep the state: if nobody wrote meanwhile, the set after the wait needs no read
			this.known = next;
			this.notBefore = next.freeSlice() * this.sliceMillis;
			return false;
		}
		try {
			Stat stat = this.curator.setData().withVersion(this.knownVersion).forPath(this.path, next.encode());
			this.known = next;
			this.knownVersion = stat.getVersion();
			// the others are for the threads waiting now: usable in this slice of this clock, as the first
			this.left = granted - 1;
			this.leftSlice = now / this.sliceMillis;
			return true;
		}
		catch (KeeperException.BadVersionException | KeeperException.NoNodeException ex) {
			// another instance granted one meanwhile (or the znode was removed): read and try again
			this.known = null;
			return false;
		}
	}

	private RateWindow read() throws Exception {
		while (true) {
			Stat stat = new Stat();
			try {
				byte[] data = this.curator.getData().storingStatIn(stat).forPath(this.path);
				this.knownVersion = stat.getVersion();
				return RateWindow.decode(data);
			}
			catch (KeeperException.NoNodeException ex) {
				try {
					this.curator.create()
						.creatingParentContainersIfNeeded()
						.withMode(CreateMode.PERSISTENT)
						.forPath(this.path, RateWindow.empty().encode());
				}
				catch (KeeperException.NodeExistsException created) {
					// another instance created it first: read its state
				}
			}
		}
	}

}
