package io.zkworkflow.lock.internal;

import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zkworkflow.lock.LockState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.Watcher.Event.EventType;

/**
 * Watches the nodes of locks held for a while, so that a deletion by someone else is a loss.
 */
final class LockNodeWatcher {

	private static final Log logger = LogFactory.getLog(LockNodeWatcher.class);

	/**
	 * How long a lock is held before we watch its node for deletion by someone else (the sweep
	 * that sets the watches runs this often, so the watch starts 50 to 100 ms in). Most locked
	 * calls are shorter and never pay for the watch (a read, and an event when we delete the node
	 * ourselves); a deletion within this time is still found when the call ends, whose release
	 * confirms the node was ours. Session loss is seen at once either way, through the
	 * connection state.
	 */
	static final long NODE_WATCH_DELAY_MILLIS = 50;

	private final CuratorFramework curator;

	private final ScheduledExecutorService scheduler;

	private final Set<HeldLock> held;

	private final AtomicBoolean sweeping = new AtomicBoolean();

	LockNodeWatcher(CuratorFramework curator, ScheduledExecutorService scheduler, Set<HeldLock> held) {
		this.curator = curator;
		this.scheduler = scheduler;
		this.held = held;
	}

	/**
	 * Make sure the sweep that watches long-held locks' nodes runs. One timer for all locks
	 * instead of one per lock: scheduling and cancelling a timer for every locked call woke the
	 * timer thread every time.
	 */
	void start() {
		if (this.sweeping.compareAndSet(false, true)) {
			try {
				this.scheduler.schedule(this::sweep, NODE_WATCH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
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
	private void sweep() {
		long now = System.nanoTime();
		long delay = TimeUnit.MILLISECONDS.toNanos(NODE_WATCH_DELAY_MILLIS);
		for (HeldLock lock : this.held) {
			if (!lock.watchRequested && now - lock.sinceNanos >= delay) {
				lock.watchRequested = true;
				watch(lock);
			}
		}
		this.sweeping.set(false);
		if (!this.held.isEmpty()) {
			start();
		}
	}

	private void watch(HeldLock lock) {
		if (lock.releasing || lock.state() == LockState.RELEASED || lock.state() == LockState.LOST) {
			return;
		}
		try {
			this.curator.checkExists().usingWatcher((Watcher) (event) -> {
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

}
