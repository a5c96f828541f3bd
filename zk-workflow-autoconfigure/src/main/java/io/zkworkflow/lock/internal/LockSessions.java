package io.zkworkflow.lock.internal;

import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

/**
 * What the loss detection and the release both ask of the client's session.
 */
final class LockSessions {

	static final String NEW_SESSION = "reconnected with a new ZooKeeper session; the old one, which owned our "
			+ "node, is gone";

	private LockSessions() {
	}

	static long sessionTimeoutMillis(CuratorFramework curator) {
		int negotiated = curator.getZookeeperClient().getLastNegotiatedSessionTimeoutMs();
		return (negotiated > 0) ? negotiated : 10_000;
	}

	/**
	 * The path of our node as the server knows it, for the calls made on the ZooKeeper handle
	 * itself: Curator gives paths without its namespace, if the client has one.
	 */
	static String serverPath(CuratorFramework curator, HeldLock lock) {
		return ZKPaths.fixForNamespace(curator.getNamespace(), lock.path());
	}

	/**
	 * Return the client's ZooKeeper handle for a synchronous call (its answer does not queue
	 * behind watch events), or mark the lock lost and return {@code null} when the client has
	 * a new session: the old one, which owned our node, is gone.
	 */
	static @Nullable ZooKeeper ownSession(CuratorFramework curator, HeldLock lock) throws Exception {
		ZooKeeper zooKeeper = curator.getZookeeperClient().getZooKeeper();
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
	static boolean awaitReconnected(CuratorFramework curator, long deadlineNanos) {
		long remaining = deadlineNanos - System.nanoTime();
		try {
			return remaining > 0
					&& curator.blockUntilConnected((int) TimeUnit.NANOSECONDS.toMillis(remaining), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
