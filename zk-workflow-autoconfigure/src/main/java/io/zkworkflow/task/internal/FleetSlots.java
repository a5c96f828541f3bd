package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralReservation;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The fleet-wide concurrency limit of one task name: {@code limit} slots, each an EPHEMERAL
 * znode {@code slots/0..limit-1}. An attempt runs only while its thread holds a slot; creating
 * a slot that exists fails, so at most {@code limit} are held across all instances, and a slot
 * of an instance whose session ends is freed by ZooKeeper with the session. A thread keeps its
 * slot across back-to-back attempts ({@link SlotKeeper}). Every slot takes room in the
 * session's {@link EphemeralBudget}.
 */
final class FleetSlots {

	private final CuratorFramework curator;

	private final String root;

	private final int limit;

	private final EphemeralBudget budget;

	private final byte[] owner;

	private final long slotSize;

	FleetSlots(CuratorFramework curator, String root, int limit, EphemeralBudget budget, String instanceId) {
		this.curator = curator;
		this.root = root;
		this.limit = limit;
		this.budget = budget;
		this.owner = instanceId.getBytes(StandardCharsets.UTF_8);
		this.slotSize = EphemeralBudget.sizeOf(ZKPaths.fixForNamespace(curator.getNamespace(),
				ZKPaths.makePath(root, String.valueOf(limit))));
	}

	int limit() {
		return this.limit;
	}

	/**
	 * Take a free slot, trying them from a random one so that instances rarely collide.
	 * @param sessionId the session the slot will belong to
	 * @return the slot, {@code null} when all are held (or the budget has no room)
	 */
	@Nullable Slot tryAcquire(long sessionId) throws Exception {
		EphemeralReservation reservation = this.budget.tryReserve(sessionId, this.slotSize);
		if (reservation == null) {
			return null;
		}
		int start = ThreadLocalRandom.current().nextInt(this.limit);
		for (int n = 0; n < this.limit; n++) {
			String path = ZKPaths.makePath(this.root, String.valueOf((start + n) % this.limit));
			try {
				this.curator.create()
					.creatingParentContainersIfNeeded()
					.withMode(CreateMode.EPHEMERAL)
					.forPath(path, this.owner);
				return new Slot(path, sessionId, reservation);
			}
			catch (KeeperException.NodeExistsException ex) {
				// held by another attempt: try the next one
			}
			catch (Exception ex) {
				reservation.release();
				throw ex;
			}
		}
		reservation.release();
		return null;
	}

	/**
	 * Wait until a slot may be free (a slot znode was deleted), at most {@code max}.
	 * @param max the longest wait
	 */
	void awaitFree(Duration max) throws Exception {
		CountDownLatch changed = new CountDownLatch(1);
		List<String> held;
		try {
			held = this.curator.getChildren().usingWatcher((Watcher) (event) -> changed.countDown())
				.forPath(this.root);
		}
		catch (KeeperException.NoNodeException ex) {
			return;
		}
		if (held.size() < this.limit) {
			return;
		}
		changed.await(max.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** One held slot. */
	final class Slot {

		private final String path;

		private final long sessionId;

		private final EphemeralReservation reservation;

		private Slot(String path, long sessionId, EphemeralReservation reservation) {
			this.path = path;
			this.sessionId = sessionId;
			this.reservation = reservation;
		}

		/** The session that created this slot, and with which ZooKeeper deletes it. */
		long sessionId() {
			return this.sessionId;
		}

		/** Let go of a slot whose session ended, without a write: ZooKeeper removed it already. */
		void forget() {
			this.reservation.release();
		}

		/**
		 * Free the slot. Only a slot still owned by the session that took it is deleted: after a
		 * session expired its slot is gone, and the same path may be another instance's now.
		 */
		void release() {
			try {
				Stat stat = FleetSlots.this.curator.checkExists().forPath(this.path);
				if (stat != null && stat.getEphemeralOwner() == this.sessionId) {
					FleetSlots.this.curator.delete().withVersion(stat.getVersion()).forPath(this.path);
				}
			}
			catch (Exception ex) {
				// NONODE, or a lost session: ZooKeeper removes the slot with it
			}
			finally {
				this.reservation.release();
			}
		}

	}

}
