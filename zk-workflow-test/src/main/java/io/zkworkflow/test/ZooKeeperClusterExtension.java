package io.zkworkflow.test;

import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real three-node ZooKeeper ensemble (in-process, free ports) for the tests of one class,
 * for leader-loss and quorum tests. Register it as a static field, like
 * {@link ZooKeeperServerExtension}.
 */
public class ZooKeeperClusterExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

	private final int size;

	private @Nullable TestingCluster cluster;

	private final List<CuratorFramework> clients = new ArrayList<>();

	public ZooKeeperClusterExtension() {
		this(3);
	}

	public ZooKeeperClusterExtension(int size) {
		this.size = size;
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		TestingCluster started = new TestingCluster(this.size);
		started.start();
		this.cluster = started;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		synchronized (this.clients) {
			this.clients.forEach(CuratorFramework::close);
			this.clients.clear();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		afterEach(context);
		if (this.cluster != null) {
			this.cluster.close();
			this.cluster = null;
		}
	}

	/**
	 * Return the running ensemble.
	 * @return the cluster
	 */
	public TestingCluster cluster() {
		if (this.cluster == null) {
			throw new IllegalStateException("The ensemble runs only while the test class runs; "
					+ "register the extension as a static field");
		}
		return this.cluster;
	}

	/**
	 * Return the ensemble's connect string.
	 * @return {@code host:port,host:port,host:port}
	 */
	public String connectString() {
		return cluster().getConnectString();
	}

	/**
	 * Return a started client with its own session, closed after the test.
	 * @return the client
	 */
	public CuratorFramework newClient() {
		return ZooKeeperServerExtension.ZooKeeperClients.started(connectString(), this.clients);
	}

	/**
	 * Find the server that currently leads the ensemble.
	 * @return the leader
	 * @throws IllegalStateException when no server leads (no quorum)
	 */
	public InstanceSpec leader() {
		for (InstanceSpec spec : cluster().getInstances()) {
			try {
				String status = FourLetterWordMain.send4LetterWord("127.0.0.1", spec.getPort(), "srvr", false, 2000);
				if (status.contains("Mode: leader") || status.contains("Mode: standalone")) {
					return spec;
				}
			}
			catch (Exception ex) {
				// a stopped or unreachable server is not the leader
			}
		}
		throw new IllegalStateException("No server of the ensemble is leading");
	}

	/**
	 * Kill the server that currently leads, so that the others elect a new leader. Restart it
	 * with {@code cluster().restartServer(spec)}.
	 * @return the killed server
	 * @throws IllegalStateException when no server leads (no quorum)
	 */
	public InstanceSpec killLeader() throws Exception {
		InstanceSpec leader = leader();
		if (!cluster().killServer(leader)) {
			throw new IllegalStateException("The leader " + leader.getConnectString() + " could not be killed");
		}
		return leader;
	}

}
