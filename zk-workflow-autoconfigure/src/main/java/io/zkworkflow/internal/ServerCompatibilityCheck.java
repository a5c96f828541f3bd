package io.zkworkflow.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Checks once, on the client's first connection, that the ZooKeeper server supports
 * persistent watches (ZooKeeper 3.6 and later): it sets one on {@code /} and removes it.
 * Connected at startup, a server that refuses fails startup with
 * {@link ZooKeeperServerTooOldException}; connected later, the refusal is logged and kept
 * for the health indicator, which then reports DOWN.
 * <p>
 * A server older than 3.6 answers the unknown request with UNIMPLEMENTED and closes the
 * connection (the session survives), often before the answer is read; only then is the server
 * asked for its version with {@code srvr}.
 */
public class ServerCompatibilityCheck implements SmartLifecycle, DisposableBean {

	/** Before the root initializer, so that nothing is written to a server zk-workflow cannot use. */
	public static final int PHASE = Integer.MIN_VALUE + 500;

	private static final Log logger = LogFactory.getLog(ServerCompatibilityCheck.class);

	private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(2);

	private static final int ATTEMPTS = 3;

	private final CuratorFramework curator;

	private final ConnectionStateListener listener = this::stateChanged;

	private final AtomicBoolean checked = new AtomicBoolean();

	private volatile @Nullable ZooKeeperServerTooOldException incompatibility;

	private volatile boolean running;

	public ServerCompatibilityCheck(CuratorFramework curator) {
		this.curator = curator;
	}

	/** Probe once the context is refreshed, as all of zk-workflow's ZooKeeper work starts. */
	@Override
	public void start() {
		this.running = true;
		if (!WorkingClient.isWorking(this.curator)) {
			return; // the root initializer says that zk-workflow does nothing with this client
		}
		if (this.curator.getZookeeperClient().isConnected() && this.checked.compareAndSet(false, true)) {
			check();
			return;
		}
		WorkingClient.addListener(this.curator, this.listener);
		// the connection may have come up between the test and the registration
		if (this.curator.getZookeeperClient().isConnected()) {
			checkInBackground();
		}
	}

	private void stateChanged(CuratorFramework client, ConnectionState state) {
		if (state.isConnected()) {
			checkInBackground();
		}
	}

	/**
	 * Probe off the connection state thread, which every listener shares: the probe waits
	 * for the server, and an old server drops the connection on it.
	 */
	private void checkInBackground() {
		if (!this.checked.compareAndSet(false, true)) {
			return;
		}
		WorkingClient.removeListener(this.curator, this.listener);
		// one probe per application, before the application's executors may be ready: a plain thread
		Thread thread = new Thread(() -> {
			try {
				check();
			}
			catch (ZooKeeperServerTooOldException ex) {
				this.incompatibility = ex;
				logger.error(ex.getMessage());
			}
		}, "zk-workflow-server-check");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Probe the server now.
	 * @throws ZooKeeperServerTooOldException if the server does not support persistent watches
	 */
	public void check() {
		String connectString = this.curator.getZookeeperClient().getCurrentConnectionString();
		Probe probe = probe();
		if (probe == Probe.SUPPORTED) {
			return;
		}
		String version = new ServerVersionReader(VERSION_TIMEOUT).read(connectString);
		// a server that only dropped the connection is old only if it says so, or says nothing
		if (probe == Probe.REFUSED || version == null || !ServerVersionReader.isAtLeast(version, 3, 6)) {
			throw new ZooKeeperServerTooOldException(connectString, version);
		}
	}

	/**
	 * Set and remove a persistent watch on {@code /} with the client's own handle, without
	 * Curator's retries: a server older than 3.6 answers UNIMPLEMENTED and closes the
	 * connection, and the answer may be lost with it. Failures that say nothing about the
	 * version (no permission on {@code /}, no connection to try on) count as supported: the
	 * features that need the watch report them when they run.
	 */
	private Probe probe() {
		Watcher watcher = (event) -> {
		};
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			try {
				if (!this.curator.getZookeeperClient().blockUntilConnectedOrTimedOut()) {
					return Probe.SUPPORTED;
				}
				ZooKeeper zookeeper = this.curator.getZookeeperClient().getZooKeeper();
				zookeeper.addWatch("/", watcher, AddWatchMode.PERSISTENT);
				removeQuietly(zookeeper, watcher);
				return Probe.SUPPORTED;
			}
			catch (KeeperException.UnimplementedException ex) {
				return Probe.REFUSED;
			}
			catch (KeeperException.ConnectionLossException ex) {
				logger.debug("The connection closed on the persistent watch probe (attempt " + (attempt + 1) + ")");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Probe.SUPPORTED;
			}
			catch (Exception ex) {
				logger.debug("Persistent watch probe did not complete: " + ex);
				return Probe.SUPPORTED;
			}
		}
		return Probe.DROPPED;
	}

	private static void removeQuietly(ZooKeeper zookeeper, Watcher watcher) {
		// Servers before 3.9 do not know the Persistent watcher type and log an error for it;
		// every release knows Any. Should this client not count the persistent watch under Any, it
		// refuses locally, before sending anything, and Persistent is asked for instead.
		try {
			zookeeper.removeWatches("/", watcher, Watcher.WatcherType.Any, false);
		}
		catch (KeeperException.NoWatcherException ex) {
			try {
				zookeeper.removeWatches("/", watcher, Watcher.WatcherType.Persistent, false);
			}
			catch (Exception again) {
				logger.debug("Could not remove the persistent watch probe: " + again);
			}
		}
		catch (Exception ex) {
			logger.debug("Could not remove the persistent watch probe: " + ex);
		}
	}

	/**
	 * Return why the server cannot be used, when a check after startup found it too old.
	 * @return the failure, or {@code null} when the server passed or was not checked yet
	 */
	public @Nullable ZooKeeperServerTooOldException incompatibility() {
		return this.incompatibility;
	}

	@Override
	public void stop() {
		this.running = false;
		WorkingClient.removeListener(this.curator, this.listener);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		WorkingClient.removeListener(this.curator, this.listener);
	}

	private enum Probe {

		SUPPORTED,

		/** The server answered that it does not know the request. */
		REFUSED,

		/** Every attempt lost the connection, as an old server closes it on the request. */
		DROPPED

	}

}
