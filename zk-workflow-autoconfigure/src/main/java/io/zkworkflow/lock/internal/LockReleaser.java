package io.zkworkflow.lock.internal;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.lock.LockState;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * Gives back holds, releases a lock with its last hold (after {@code minHoldTime} when one is
 * set), and asks ZooKeeper whether a lock was still ours when its locked code finished.
 */
final class LockReleaser {

	private final CuratorFramework curator;

	private final ScheduledExecutorService scheduler;

	private final HeldLockRegistry registry;

	LockReleaser(CuratorFramework curator, ScheduledExecutorService scheduler, HeldLockRegistry registry) {
		this.curator = curator;
		this.scheduler = scheduler;
		this.registry = registry;
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
			this.registry.release(lock, !deleted);
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
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LockSessions.sessionTimeoutMillis(this.curator));
		while (lock.state() == LockState.HELD) {
			try {
				ZooKeeper zooKeeper = LockSessions.ownSession(this.curator, lock);
				if (zooKeeper == null) {
					return;
				}
				Stat stat = zooKeeper.exists(LockSessions.serverPath(this.curator, lock), false);
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
				if (!LockSessions.awaitReconnected(this.curator, deadline)) {
					return; // the connection state (SUSPECT, LOST) decides
				}
			}
		}
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
				this.scheduler.schedule(() -> this.registry.release(lock, true), minHoldRemainingNanos(lock),
						TimeUnit.NANOSECONDS);
				return;
			}
			catch (RuntimeException ex) {
				// shutting down: release now
			}
		}
		this.registry.release(lock, true);
	}

	/**
	 * Delete our node synchronously and learn from the answer whether it was still ours.
	 * @return {@code true} when the node is known to be gone (deleted now, or found missing)
	 */
	private boolean deleteConfirming(HeldLock lock) {
		lock.releasing = true;
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LockSessions.sessionTimeoutMillis(this.curator));
		boolean retried = false;
		while (true) {
			try {
				ZooKeeper zooKeeper = LockSessions.ownSession(this.curator, lock);
				if (zooKeeper == null) {
					return false;
				}
				zooKeeper.delete(LockSessions.serverPath(this.curator, lock), -1);
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
				if (!LockSessions.awaitReconnected(this.curator, deadline)) {
					return false; // the connection state (SUSPECT, LOST) decides; delete in the background
				}
			}
		}
	}

}
