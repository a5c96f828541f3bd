package io.zkworkflow.internal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.KeeperException;

import org.springframework.context.SmartLifecycle;

/**
 * Creates the zk-workflow root znode (with the configured ACL) as soon as the client is
 * connected, and again after every reconnect in case it was removed.
 */
public class RootInitializer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RootInitializer.class);

	private final CuratorFramework curator;

	private final ZkRoot root;

	private final ConnectionStateListener listener = this::stateChanged;

	private volatile boolean running;

	public RootInitializer(CuratorFramework curator, ZkRoot root) {
		this.curator = curator;
		this.root = root;
	}

	@Override
	public void start() {
		this.running = true;
		if (!WorkingClient.isWorking(this.curator)) {
			logger.warn("The CuratorFramework bean is not a working ZooKeeper client (a stand-in, or closed): "
					+ "zk-workflow does no ZooKeeper work with it, so no locks, tasks, workflows or live "
					+ "configuration. Define a client that can be started, let spring-cloud-zookeeper build it, "
					+ "or set zk-workflow.enabled=false.");
			return;
		}
		this.curator.getConnectionStateListenable().addListener(this.listener);
		if (this.curator.getZookeeperClient().isConnected()) {
			ensureRoot();
		}
	}

	private void stateChanged(CuratorFramework client, ConnectionState state) {
		if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
			ensureRootInBackground();
		}
	}

	/**
	 * Create the root without blocking the caller: connection state listeners share one
	 * thread, and a synchronous call there (which waits while the connection is unsteady)
	 * would hold back every later state change, such as the one that tells a lock holder its
	 * lock is lost.
	 */
	private void ensureRootInBackground() {
		try {
			this.curator.create().creatingParentsIfNeeded().inBackground((client, event) -> {
				KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
				if (code != KeeperException.Code.OK && code != KeeperException.Code.NODEEXISTS) {
					logger.warn("Could not create the zk-workflow root " + this.root + ": ZooKeeper answered " + code);
				}
			}).forPath(this.root.path(), new byte[0]);
		}
		catch (Exception ex) {
			logger.warn("Could not create the zk-workflow root " + this.root + ": " + ex, ex);
		}
	}

	/**
	 * Create the root if it does not exist yet. Safe to call from any thread.
	 */
	public void ensureRoot() {
		try {
			// explicit empty data: without it Curator stores the client's IP address in the root,
			// which the root readers could then read
			this.curator.create().creatingParentsIfNeeded().forPath(this.root.path(), new byte[0]);
		}
		catch (KeeperException.NodeExistsException ex) {
			// already there
		}
		catch (Exception ex) {
			logger.warn("Could not create the zk-workflow root " + this.root + ": " + ex, ex);
		}
	}

	@Override
	public void stop() {
		WorkingClient.removeListener(this.curator, this.listener);
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MIN_VALUE + 1000;
	}

}
