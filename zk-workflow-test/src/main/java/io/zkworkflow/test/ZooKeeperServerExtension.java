package io.zkworkflow.test;

import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.TestingServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real ZooKeeper server for the tests of one class, on a free port:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();
 *
 * new ApplicationContextRunner()
 *     .withPropertyValues("spring.cloud.zookeeper.connect-string=" + zookeeper.connectString())
 * </pre>
 *
 * Clients made with {@link #newClient()} are closed after each test.
 */
public class ZooKeeperServerExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

	private @Nullable TestingServer server;

	private final List<CuratorFramework> clients = new ArrayList<>();

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.server = new TestingServer(true);
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
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	/**
	 * Return the connect string of the running server.
	 * @return {@code 127.0.0.1:port}
	 */
	public String connectString() {
		return server().getConnectString();
	}

	/**
	 * Return the running server, to stop or restart it.
	 * @return the server
	 */
	public TestingServer server() {
		if (this.server == null) {
			throw new IllegalStateException("The ZooKeeper server runs only while the test class runs; "
					+ "register the extension as a static field");
		}
		return this.server;
	}

	/**
	 * Return a started client with its own session, closed after the test.
	 * @return the client
	 */
	public CuratorFramework newClient() {
		return ZooKeeperClients.started(connectString(), this.clients);
	}

	/**
	 * Return the Spring property that points spring-cloud-zookeeper at this server.
	 * @return {@code spring.cloud.zookeeper.connect-string=...}
	 */
	public String connectStringProperty() {
		return "spring.cloud.zookeeper.connect-string=" + connectString();
	}

	static final class ZooKeeperClients {

		private ZooKeeperClients() {
		}

		static CuratorFramework started(String connectString, List<CuratorFramework> owner) {
			CuratorFramework client = CuratorFrameworkFactory.builder()
				.connectString(connectString)
				.sessionTimeoutMs(10_000)
				.connectionTimeoutMs(5_000)
				.retryPolicy(new ExponentialBackoffRetry(50, 10, 500))
				.build();
			client.start();
			synchronized (owner) {
				owner.add(client);
			}
			return client;
		}

	}

}
