package io.zkworkflow.lock.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.zkworkflow.lock.LockLostEvent;
import io.zkworkflow.lock.LockState;
import io.zkworkflow.lock.OnLockLost;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException.Code;

/**
 * The connection side of the held locks' state machine ({@code HELD -> SUSPECT} on suspension,
 * back to {@code HELD} only with the same session and our node intact, {@code LOST} on session
 * loss or a suspension outlasting the session timeout), and what a loss sets off: the metric,
 * the WARN line, the interrupt and the {@link LockLostEvent}.
 */
final class LockLossDetector implements ConnectionStateListener {

	private static final Log logger = LogFactory.getLog(LockLossDetector.class);

	private final CuratorFramework curator;

	private final ScheduledExecutorService scheduler;

	private final Set<HeldLock> held;

	private final LockMetrics metrics;

	private final Consumer<LockLostEvent> lostListener;

	private final Object eventSource;

	/** Released locks whose session's fate was open at release; see {@link #watchGivenBack}. */
	private final Set<HeldLock> givenBack = ConcurrentHashMap.newKeySet();

	LockLossDetector(CuratorFramework curator, ScheduledExecutorService scheduler, Set<HeldLock> held,
			LockMetrics metrics, Consumer<LockLostEvent> lostListener, Object eventSource) {
		this.curator = curator;
		this.scheduler = scheduler;
		this.held = held;
		this.metrics = metrics;
		this.lostListener = lostListener;
		this.eventSource = eventSource;
	}

	@Override
	public void stateChanged(CuratorFramework client, ConnectionState state) {
		switch (state) {
			case SUSPENDED -> this.held.forEach(this::suspect);
			case RECONNECTED -> {
				this.held.forEach(this::verify);
				this.givenBack.forEach(this::settle);
			}
			case LOST -> {
				this.held.forEach((lock) -> lock.lose("the ZooKeeper session was lost"));
				this.givenBack.forEach((lock) -> lostAfterRelease(lock, "the ZooKeeper session was lost"));
			}
			default -> {
			}
		}
	}

	/**
	 * Keep watching a lock given back while its session's fate was open (the connection
	 * suspended, or the release not confirmed by ZooKeeper). Should that session turn out
	 * lost, others may have held the lock before it was given back, and its holder still
	 * learns so from a {@link LockLostEvent}; a session that survived settles it silently.
	 * @param lock the lock, already released
	 */
	void watchGivenBack(HeldLock lock) {
		this.givenBack.add(lock);
		this.scheduler.schedule(() -> settle(lock), LockSessions.sessionTimeoutMillis(this.curator),
				TimeUnit.MILLISECONDS);
	}

	/** Settle a given-back lock whose fate the session now tells; leave it while disconnected. */
	private void settle(HeldLock lock) {
		if (!this.givenBack.contains(lock) || !this.curator.getZookeeperClient().isConnected()) {
			return;
		}
		long session;
		try {
			session = this.curator.getZookeeperClient().getZooKeeper().getSessionId();
		}
		catch (Exception ex) {
			return;
		}
		if (session == lock.node.sessionId()) {
			this.givenBack.remove(lock);
		}
		else {
			lostAfterRelease(lock, LockSessions.NEW_SESSION);
		}
	}

	private void lostAfterRelease(HeldLock lock, String reason) {
		if (this.givenBack.remove(lock)) {
			lost(lock, reason + " (noticed after the locked code gave the lock back)");
		}
	}

	/**
	 * Mark a lock {@code SUSPECT} and lose it when the suspicion outlasts the session timeout.
	 */
	void suspect(HeldLock lock) {
		if (!lock.suspect()) {
			return;
		}
		long suspectSince = lock.suspectSinceNanos;
		this.scheduler.schedule(() -> {
			if (lock.state() == LockState.SUSPECT && lock.suspectSinceNanos == suspectSince) {
				lock.lose("the connection stayed suspended longer than the session timeout");
			}
		}, LockSessions.sessionTimeoutMillis(this.curator), TimeUnit.MILLISECONDS);
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
			lock.lose(LockSessions.NEW_SESSION);
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
	 * Report a lock that just became {@code LOST}.
	 */
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

}
