package io.zkworkflow.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * What a subject gets from the harness: the run's ZooKeeper, a private path to work under,
 * clients with their own sessions (closed after the subject), and its options.
 */
public final class BenchmarkContext implements AutoCloseable {

	private static final int SESSION_TIMEOUT_MS = 30_000;

	private final String connectString;

	private final String basePath;

	private final SubjectOptions options;

	private final List<CuratorFramework> clients = Collections.synchronizedList(new ArrayList<>());

	private volatile @Nullable String lostZooKeeper;

	/**
	 * Create a context.
	 * @param connectString the ZooKeeper connect string of the run
	 * @param basePath the znode this subject owns, e.g. {@code /zk-workflow-benchmarks/run-1/curator.mutex}
	 * @param options subject options from the command line
	 */
	public BenchmarkContext(String connectString, String basePath, SubjectOptions options) {
		this.connectString = connectString;
		this.basePath = basePath;
		this.options = options;
	}

	/**
	 * Return a started, connected Curator client with its own session, closed by the harness
	 * after the subject. Use {@code getZookeeperClient().getZooKeeper()} for the raw client.
	 * @return the client
	 * @throws InterruptedException when interrupted while connecting
	 */
	public CuratorFramework newClient() throws InterruptedException {
		CuratorFramework client = CuratorFrameworkFactory.builder()
			.connectString(this.connectString)
			.sessionTimeoutMs(SESSION_TIMEOUT_MS)
			.connectionTimeoutMs(15_000)
			.retryPolicy(new ExponentialBackoffRetry(100, 5, 2_000))
			.build();
		this.clients.add(client);
		client.getConnectionStateListenable().addListener((curator, state) -> {
			if (state == ConnectionState.LOST && this.lostZooKeeper == null) {
				this.lostZooKeeper = "a client lost its session: no server of " + this.connectString + " answered for "
						+ SESSION_TIMEOUT_MS / 1000 + " s";
			}
		});
		client.start();
		if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Could not connect to ZooKeeper at " + this.connectString
					+ " within 30 s; check the --zookeeper option and that the server is up");
		}
		return client;
	}

	/**
	 * Return a path under this subject's own znode. Nothing is created.
	 * @param segments path segments, each one znode name
	 * @return the absolute path
	 */
	public String path(String... segments) {
		String path = this.basePath;
		for (String segment : segments) {
			path = ZKPaths.makePath(path, segment);
		}
		return path;
	}

	/**
	 * Create a persistent path under this subject's znode (parents included) if missing.
	 * Persistent, unlike Curator's container parents, so it survives moments with no children.
	 * @param client the client to create it with
	 * @param segments path segments
	 * @return the absolute path
	 * @throws Exception when ZooKeeper refuses
	 */
	public String persistentPath(CuratorFramework client, String... segments) throws Exception {
		String path = path(segments);
		if (client.checkExists().forPath(path) == null) {
			try {
				client.create().creatingParentsIfNeeded().forPath(path);
			}
			catch (org.apache.zookeeper.KeeperException.NodeExistsException ex) {
				// created concurrently: fine
			}
		}
		return path;
	}

	/**
	 * Return the options given for subjects.
	 * @return the options
	 */
	public SubjectOptions options() {
		return this.options;
	}

	/**
	 * Return why ZooKeeper was lost while the subject ran, if it was.
	 * @return the cause, or {@code null} while every client kept its session
	 */
	public @Nullable String lostZooKeeper() {
		return this.lostZooKeeper;
	}

	/**
	 * Return the run's ZooKeeper connect string.
	 * @return the connect string
	 */
	public String connectString() {
		return this.connectString;
	}

	@Override
	public void close() {
		List<CuratorFramework> toClose;
		synchronized (this.clients) {
			toClose = new ArrayList<>(this.clients);
			this.clients.clear();
		}
		Collections.reverse(toClose);
		toClose.forEach(CuratorFramework::close);
	}

}
