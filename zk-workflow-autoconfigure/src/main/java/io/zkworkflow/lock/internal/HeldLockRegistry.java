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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.zkworkflow.lock.LockLostEvent;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.lock.LockState;
import io.zkworkflow.lock.OnLockLost;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The locks one client holds, and the watcher of their state machine: connection state
 * changes, deletion of our nodes, suspension outlasting the session timeout and
 * {@code maxHoldTime}. Also releases locks, after {@code minHoldTime} when one is set.
 */
public final class HeldLockRegistry implements ConnectionStateListener, AutoCloseable {

	private static final Log logger = LogFactory.getLog(HeldLockRegistry.class);

	private final CuratorFramework curator;

	private final LockMetrics metrics;

	private final Consumer<LockLostEvent> lostListener;

	private final Object eventSource;

	/**
	 * How long a lock is held before we watch its node for deletion by someone else (the sweep
	 * that sets the watches runs this often, so the watch starts 50 to 100 ms in). Most locked
	 * calls are shorter and never pay for the watch (a read, and an event when we delete the node
	 * ourselves); a deletion within this time is still found when the call ends, whose release
	 * confirms the node was ours. Session loss is seen at once either way, through the
	 * connection state.
	 */
	static final long NODE_WATCH_DELAY_MILLIS = 50;

	private static final String NEW_SESSION = "reconnected with a new ZooKeeper session; the old one, which owned our "
			+ "node, is gone";

	private final Set<HeldLock> held = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	private final ScheduledThreadPoolExecutor scheduler;

	public HeldLockRegistry(CuratorFramework curator, LockMetrics metrics, Consumer<LockLostEvent> lostListener,
			Object eventSource) {
		this.curator = curator;
		this.metrics = metrics;
		this.lostListener = lostListener;
		this.eventSource = eventSource;
		this.scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "zk-workflow-lock-monitor");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.setRemoveOnCancelPolicy(true);
		curator.getConnectionStateListenable().addListener(this);
	}

	/**
	 * Start watching a freshly acquired lock.
	 */
	HeldLock register(LockRequest request, Acquired node) {
		HeldLock lock = new HeldLock(this, request, node);
		this.held.add(lock);
		lock.heldTimer = this.metrics.startHeld(request.name(), request.mode());
		startWatchSweep();
		Duration maxHoldTime = request.maxHoldTime();
		if (maxHoldTime != null && !maxHoldTime.isZero()) {
			lock.maxHoldTimer = this.scheduler.schedule(() -> {
				lock.lose("held longer than maxHoldTime " + maxHoldTime + "; the lock was freed for others");
				ZkCalls.deleteGuaranteed(this.curator, lock.path());
			}, maxHoldTime.toNanos(), TimeUnit.NANOSECONDS);
		}
		if (!this.curator.getZookeeperClient().isConnected()) {
			suspect(lock);
		}
		return lock;
	}

	/**
	 * Make sure the sweep that watches long-held locks' nodes runs. One timer for all locks
	 * instead of one per lock: scheduling and cancelling a timer for every locked call woke the
	 * timer thread every time.
	 */
	private void startWatchSweep() {
		if (this.sweeping.compareAndSet(false, true)) {
			try {
				this.scheduler.schedule(this::sweepWatches, NODE_WATCH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (RuntimeException ex) {
				this.sweeping.set(false); // shutting down
			}
		}
	}

	/**
	 * Watch the nodes of the locks held longer than {@link #NODE_WATCH_DELAY_MILLIS}; run again
	 * while any lock is held, stop when none is (the next lock starts it again).
	 */
	private void sweepWatches() {
		long now = System.nanoTime();
		long delay = TimeUnit.MILLISECONDS.toNanos(NODE_WATCH_DELAY_MILLIS);
		for (HeldLock lock : this.held) {
			if (!lock.watchRequested && now - lock.sinceNanos >= delay) {
				lock.watchRequested = true;
				watchNode(lock);
			}
		}
		this.sweeping.set(false);
		if (!this.held.isEmpty()) {
			startWatchSweep();
		}
	}

	private void watchNode(HeldLock lock) {
		if (lock.releasing || lock.state() == LockState.RELEASED || lock.state() == LockState.LOST) {
			return;
		}
		try {
			this.curator.checkExists().usingWatcher((org.apache.zookeeper.Watcher) (event) -> {
				if (event.getType() == EventType.NodeDeleted && !lock.releasing) {
					lock.lose("our lock node " + lock.path() + " was deleted");
				}
			}).inBackground((client, event) -> {
				if (Code.get(event.getResultCode()) == Code.NONODE && !lock.releasing) {
					lock.lose("our lock node " + lock.path() + " is gone");
				}
				lock.nodeWatched = Code.get(event.getResultCode()) == Code.OK;
			}).forPath(lock.path());
		}
		catch (Exception ex) {
			logger.debug("Could not watch " + lock.path(), ex);
		}
	}

	@Override
	public void stateChanged(CuratorFramework client, ConnectionState state) {
		switch (state) {
			case SUSPENDED -> this.held.forEach(this::suspect);
			case RECONNECTED -> this.held.forEach(this::verify);
			case LOST -> this.held.forEach((lock) -> lock.lose("the ZooKeeper session was lost"));
			default -> {
			}
		}
	}

	private void suspect(HeldLock lock) {
		if (!lock.suspect()) {
			return;
		}
		long suspectSince = lock.suspectSinceNanos;
		this.scheduler.schedule(() -> {
			if (lock.state() == LockState.SUSPECT && lock.suspectSinceNanos == suspectSince) {
				lock.lose("the connection stayed suspended longer than the session timeout");
			}
		}, sessionTimeoutMillis(), TimeUnit.MILLISECONDS);
	}

	private void verify(HeldLock lock) {
		if ((lock.state() != LockState.SUSPECT && lock.state() != LockState.HELD) || lock.releasing) {
			return; // a releasing holder checks for itself, and its node may be gone by its own delete
		}
		long session;
		try {
			session = this.curator.getZookeeperClient().getZooKeeper().getSessionId();
		}
		catch (Exception ex) {
			lock.lose("no ZooKeeper session after reconnecting: " + ex);
			return;
		}
		if (session != lock.node.sessionId()) {
			lock.lose(NEW_SESSION);
			return;
		}
		try {
			this.curator.checkExists().inBackground((client, event) -> {
				if (event.getStat() != null && event.getStat().getEphemeralOwner() == session) {
					lock.restore();
				}
				else if (Code.get(event.getResultCode()) == Code.NONODE) {
					lock.lose("our lock node " + lock.path() + " is gone after reconnecting");
				}
			}).forPath(lock.path());
		}
		catch (Exception ex) {
			logger.debug("Could not check " + lock.path(), ex);
		}
	}

	/**
	 * The path of our node as the server knows it, for the calls made on the ZooKeeper handle
	 * itself: Curator gives paths without its namespace, if the client has one.
	 */
	private String serverPath(HeldLock lock) {
		return ZKPaths.fixForNamespace(this.curator.getNamespace(), lock.path());
	}

	private long sessionTimeoutMillis() {
		int negotiated = this.curator.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
		return (negotiated > 0) ? negotiated : 10_000;
	}

	void lost(HeldLock lock, String reason) {
		this.metrics.lost(lock.name(), lock.mode());
		logger.warn("Lost distributed " + lock + ": " + reason);
		if (lock.request.onLockLost() == OnLockLost.INTERRUPT) {
			lock.interruptIfRunning();
		}
		try {
			this.lostListener.accept(
					new LockLostEvent(this.eventSource, lock.name(), lock.key(), lock.fencingToken(), reason));
		}
		catch (RuntimeException ex) {
			logger.warn("A LockLostEvent listener failed", ex);
		}
	}

	/**
	 * Ask ZooKeeper whether a lock the locked code is about to give back is still ours: its
	 * node exists and belongs to the session that created it. A process paused (GC, swap,
	 * SIGSTOP) past its session timeout resumes with the lock still {@code HELD} locally, since
	 * its client has not yet noticed that the servers expired the session and removed the node;
	 * without this check the locked code would finish as if it had held the lock throughout
	 * while another holder had it. Only a {@code HELD} lock is checked (a {@code SUSPECT} one
	 * cannot be confirmed until the connection returns); the wait is bounded by the session
	 * timeout, after which the connection state decides.
	 * @param lock the lock
	 */
	void confirmStillHeld(HeldLock lock) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMillis());
		while (lock.state() == LockState.HELD) {
			try {
				ZooKeeper zooKeeper = ownSession(lock);
				if (zooKeeper == null) {
					return;
				}
				Stat stat = zooKeeper.exists(serverPath(lock), false);
				if (stat == null) {
					lock.lose("our lock node " + lock.path() + " was gone when the locked code finished "
							+ "(the session expired, e.g. while this process was paused)");
				}
				else if (stat.getEphemeralOwner() != lock.node.sessionId()) {
					lock.lose("our lock node " + lock.path() + " belongs to another session");
				}
				return;
			}
			catch (KeeperException.SessionExpiredException ex) {
				lock.lose("the ZooKeeper session expired");
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				// connection lost: once connected again, the session tells whether the lock survived
				if (!awaitReconnected(deadline)) {
					return; // the connection state (SUSPECT, LOST) decides
				}
			}
		}
	}

	/**
	 * Give back one hold; the last one releases the lock, after {@code minHoldTime}.
	 */
	void dropHold(HeldLock lock) {
		if (lock.dropHold()) {
			releaseAfterMinHoldTime(lock);
		}
	}

	/**
	 * Give back one hold like {@link #dropHold}, and tell whether ZooKeeper confirms that the
	 * lock was ours until now (see {@link #confirmStillHeld}). The last hold of a lock without
	 * {@code minHoldTime} is released by one synchronous delete of our node, whose answer is the
	 * confirmation: the node existed, so the session that owns it was alive. This saves the
	 * locked call a round trip against checking first and deleting afterwards.
	 * @param lock the lock
	 * @return {@code false} when the lock was lost
	 */
	boolean dropHoldConfirming(HeldLock lock) {
		boolean last = lock.dropHold();
		if (last && !keepsNode(lock)) {
			boolean deleted = lock.state() == LockState.HELD && deleteConfirming(lock);
			boolean kept = lock.state() != LockState.LOST;
			release(lock, !deleted);
			return kept;
		}
		// the node stays for now (other holds, or minHoldTime): check that it is still ours
		confirmStillHeld(lock);
		boolean kept = lock.state() != LockState.LOST;
		if (last) {
			releaseAfterMinHoldTime(lock);
		}
		return kept;
	}

	private boolean keepsNode(HeldLock lock) {
		return minHoldRemainingNanos(lock) > 0 && lock.state() != LockState.LOST;
	}

	private static long minHoldRemainingNanos(HeldLock lock) {
		return lock.sinceNanos + lock.request.minHoldTime().toNanos() - System.nanoTime();
	}

	private void releaseAfterMinHoldTime(HeldLock lock) {
		if (keepsNode(lock)) {
			try {
				this.scheduler.schedule(() -> release(lock), minHoldRemainingNanos(lock), TimeUnit.NANOSECONDS);
				return;
			}
			catch (RuntimeException ex) {
				// shutting down: release now
			}
		}
		release(lock);
	}

	/**
	 * Delete our node synchronously and learn from the answer whether it was still ours.
	 * @return {@code true} when the node is known to be gone (deleted now, or found missing)
	 */
	private boolean deleteConfirming(HeldLock lock) {
		lock.releasing = true;
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(sessionTimeoutMillis());
		boolean retried = false;
		while (true) {
			try {
				ZooKeeper zooKeeper = ownSession(lock);
				if (zooKeeper == null) {
					return false;
				}
				zooKeeper.delete(serverPath(lock), -1);
				return true;
			}
			catch (KeeperException.NoNodeException ex) {
				if (!retried) {
					lock.lose("our lock node " + lock.path() + " was gone when the locked code finished "
							+ "(the session expired, e.g. while this process was paused, or the node was deleted)");
				}
				// after a connection loss in the same session, only our own delete can have removed it
				return true;
			}
			catch (KeeperException.SessionExpiredException ex) {
				lock.lose("the ZooKeeper session expired");
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			catch (Exception ex) {
				// connection lost: the delete may or may not have been applied; once connected in the
				// same session, a missing node can only be our delete's doing
				retried = true;
				if (!awaitReconnected(deadline)) {
					return false; // the connection state (SUSPECT, LOST) decides; delete in the background
				}
			}
		}
	}

	/**
	 * Return the client's ZooKeeper handle for a synchronous call (its answer does not queue
	 * behind watch events), or mark the lock lost and return {@code null} when the client has
	 * a new session: the old one, which owned our node, is gone.
	 */
	private @Nullable ZooKeeper ownSession(HeldLock lock) throws Exception {
		ZooKeeper zooKeeper = this.curator.getZookeeperClient().getZooKeeper();
		if (zooKeeper.getSessionId() != lock.node.sessionId()) {
			lock.lose(NEW_SESSION);
			return null;
		}
		return zooKeeper;
	}

	/**
	 * Wait, until {@code deadlineNanos}, for the connection to come back after it was lost.
	 * @return {@code false} when it did not (or the thread was interrupted)
	 */
	private boolean awaitReconnected(long deadlineNanos) {
		long remaining = deadlineNanos - System.nanoTime();
		try {
			return remaining > 0 && this.curator.blockUntilConnected((int) TimeUnit.NANOSECONDS.toMillis(remaining),
					TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void release(HeldLock lock) {
		release(lock, true);
	}

	private void release(HeldLock lock, boolean deleteNode) {
		if (!lock.release()) {
			return;
		}
		this.held.remove(lock);
		cancel(lock.maxHoldTimer);
		lock.heldTimer.run();
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
		this.curator.getConnectionStateListenable().removeListener(this);
		this.held.forEach(this::release);
		this.scheduler.shutdownNow();
	}

}
