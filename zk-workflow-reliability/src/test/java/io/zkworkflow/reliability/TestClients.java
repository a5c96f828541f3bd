package io.zkworkflow.reliability;

import java.nio.charset.StandardCharsets;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * ZooKeeper clients a scenario uses from the test JVM: the owner (with the workers' digest, to
 * read what they wrote) and strangers (no credentials, or wrong ones).
 */
final class TestClients {

	private TestClients() {
	}

	/**
	 * A started client authenticated as the workers' owner identity.
	 * @param connectString the servers
	 * @return the client; close it
	 */
	static CuratorFramework owner(String connectString) {
		return started(connectString, Workers.DIGEST);
	}

	/**
	 * A started client with the given digest credentials, or none.
	 * @param connectString the servers
	 * @param digest {@code user:password}, or {@code null} for an unauthenticated client
	 * @return the client; close it
	 */
	static CuratorFramework started(String connectString, @Nullable String digest) {
		CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
			.connectString(connectString)
			.sessionTimeoutMs(10_000)
			.connectionTimeoutMs(5_000)
			.retryPolicy(new ExponentialBackoffRetry(100, 29, 1000));
		if (digest != null) {
			builder.authorization("digest", digest.getBytes(StandardCharsets.UTF_8));
		}
		CuratorFramework client = builder.build();
		client.start();
		return client;
	}

	/**
	 * Return the session that owns an ephemeral znode, such as a worker's session marker.
	 * @param client a started client
	 * @param path the znode
	 * @return the owner's session id, or 0 when the znode does not exist
	 */
	static long sessionOwning(CuratorFramework client, String path) {
		try {
			Stat stat = client.checkExists().forPath(path);
			return (stat != null) ? stat.getEphemeralOwner() : 0;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + path, ex);
		}
	}

}
