package io.zkworkflow.internal;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The persistent watch probe against a current server and against one that refuses
 * {@code addWatch} as servers before 3.6 do.
 */
class ServerCompatibilityCheckTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void aCurrentServerPassesAndTheClientKeepsWorking() throws Exception {
		CuratorFramework curator = zookeeper.newClient();
		ServerCompatibilityCheck check = new ServerCompatibilityCheck(curator.usingNamespace("app"));
		assertThatNoException().isThrownBy(check::start);
		assertThatNoException().isThrownBy(check::check);
		assertThat(check.incompatibility()).isNull();
		curator.create().forPath("/after-probe");
		assertThat(curator.checkExists().forPath("/after-probe")).isNotNull();
	}

	@Test
	void aServerWithoutPersistentWatchesIsNamedWithItsVersionAndTheMinimum() throws Exception {
		try (PreWatchZooKeeperServer server = PreWatchZooKeeperServer.start(0);
				CuratorFramework curator = connectedClient(server.connectString())) {
			ServerCompatibilityCheck check = new ServerCompatibilityCheck(curator);
			assertThatExceptionOfType(ZooKeeperServerTooOldException.class).isThrownBy(check::start)
				.satisfies((ex) -> {
					assertThat(ex.getConnectString()).isEqualTo(server.connectString());
					assertThat(ex.getServerVersion()).matches("\\d+\\.\\d+\\.\\d+");
					assertThat(ex.getMessage()).contains("runs ZooKeeper " + ex.getServerVersion())
						.contains("needs ZooKeeper 3.6.0 or later")
						.contains("Upgrade the ZooKeeper servers to 3.6 or later");
				});
		}
	}

	@Test
	void anUnknownVersionIsSaidSo() {
		assertThat(new ZooKeeperServerTooOldException("zk:2181", null).getMessage())
			.contains("runs an unknown version (the 'srvr' four-letter word did not answer)");
	}

	private static CuratorFramework connectedClient(String connectString) throws Exception {
		CuratorFramework curator = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100));
		curator.start();
		assertThat(curator.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		return curator;
	}

}
