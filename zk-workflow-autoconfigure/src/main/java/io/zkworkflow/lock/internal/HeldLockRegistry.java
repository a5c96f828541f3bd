package io.zkworkflow.lock.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.zkworkflow.internal.WorkingClient;
import io.zkworkflow.lock.LockLostEvent;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.LockState;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * The locks one client holds: registers a freshly acquired lock, hands it to those who watch
 * for its loss ({@link LockLossDetector} for the connection, {@link LockNodeWatcher} for its
 * node, a timer for {@code maxHoldTime}), and forgets it once {@link LockReleaser} gave it back.
 */
public final class HeldLockRegistry implements AutoCloseable {

	private final CuratorFramework curator;

	private final LockMetrics metrics;

	private final Set<HeldLock> held = ConcurrentHashMap.newKeySet();

	private final ScheduledThreadPoolExecutor scheduler;

	private final LockLossDetector lossDetector;

	private final LockNodeWatcher nodeWatcher;

	private final LockReleaser releaser;

	public HeldLockRegistry(CuratorFramework curator, LockMetrics metrics, Consumer<LockLostEvent> lostListener,
			Object eventSource) {
		this.curator = curator;
		this.metrics = metrics;
		// one dedicated daemon thread: connection-state changes, node watches, maxHoldTime and
		// releases must act on a lock's state in the order they happened
		this.scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "zk-lock-monitor");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.lossDetector = new LockLossDetector(curator, this.scheduler, this.held, metrics, lostListener,
				eventSource);
		this.nodeWatcher = new LockNodeWatcher(curator, this.scheduler, this.held);
		this.releaser = new LockReleaser(curator, this.scheduler, this);
		WorkingClient.addListener(curator, this.lossDetector);
	}

	/**
	 * Start watching a freshly acquired lock.
	 */
	HeldLock register(LockRequest request, Acquired node) {
		HeldLock lock = new HeldLock(this, request, node);
		this.held.add(lock);
		lock.heldTimer = this.metrics.startHeld(request.name(), request.mode(), request.key());
		this.nodeWatcher.start();
		Duration maxHoldTime = request.maxHoldTime();
		if (maxHoldTime != null && !maxHoldTime.isZero()) {
			lock.maxHoldTimer = this.scheduler.schedule(() -> {
				lock.lose("held longer than maxHoldTime " + maxHoldTime + "; the lock was freed for others");
				ZkCalls.deleteGuaranteed(this.curator, lock.path());
			}, maxHoldTime.toNanos(), TimeUnit.NANOSECONDS);
		}
		if (!this.curator.getZookeeperClient().isConnected()) {
			this.lossDetector.suspect(lock);
		}
		return lock;
	}

	void lost(HeldLock lock, String reason) {
		this.lossDetector.lost(lock, reason);
	}

	/** See {@link LockReleaser#dropHold}. */
	void dropHold(HeldLock lock) {
		this.releaser.dropHold(lock);
	}

	/** See {@link LockReleaser#dropHoldConfirming}. */
	boolean dropHoldConfirming(HeldLock lock) {
		return this.releaser.dropHoldConfirming(lock);
	}

	/**
	 * Forget a lock that was given back, deleting its node unless that is known to be done.
	 */
	void release(HeldLock lock, boolean deleteNode) {
		// suspended, or disconnected while releasing: whether the lock was ours to the end is open
		boolean open = lock.state() == LockState.SUSPECT
				|| (lock.state() == LockState.HELD && !this.curator.getZookeeperClient().isConnected());
		boolean lost = lock.state() == LockState.LOST;
		if (!lock.release()) {
			return;
		}
		if (open) {
			this.lossDetector.watchGivenBack(lock);
		}
		this.held.remove(lock);
		cancel(lock.maxHoldTimer);
		lock.heldTimer.stop(lost ? "lost" : "released");
		if (deleteNode) {
			ZkCalls.deleteGuaranteed(this.curator, lock.path());
		}
		// deleted now, or being deleted in the background, or gone with its session
		lock.node.reservation().release();
	}

	private static void cancel(@Nullable ScheduledFuture<?> timer) {
		if (timer != null) {
			timer.cancel(false);
		}
	}

	/**
	 * Return the locks held now, oldest first.
	 * @return the held locks
	 */
	public List<HeldLock> heldLocks() {
		List<HeldLock> result = new ArrayList<>(this.held);
		result.sort(Comparator.comparing(HeldLock::since));
		return result;
	}

	/**
	 * Return a lock held by this registry on the current thread.
	 */
	@Nullable HeldLock heldByCurrentThread(String name, @Nullable String key) {
		return ThreadLocks.find(this, name, key);
	}

	@Override
	public void close() {
		WorkingClient.removeListener(this.curator, this.lossDetector);
		this.held.forEach((lock) -> release(lock, true));
		this.scheduler.shutdownNow();
	}

}
