package io.zkworkflow.benchmarks;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --zookeeper=processes}: three server JVMs form a quorum that takes writes, and are gone
 * once the target is closed.
 */
class ProcessEnsembleTests {

	@TempDir
	Path dataDir;

	@Test
	void threeServerProcessesServeAQuorumAndStopWithTheTarget() throws Exception {
		String connectString;
		try (ZooKeeperTarget target = ZooKeeperTarget.start("processes", this.dataDir)) {
			connectString = target.connectString();
			assertThat(connectString.split(",")).hasSize(3);
			assertThat(target.description()).contains("separate processes").contains("fsync on");
			try (CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, new RetryOneTime(100))) {
				client.start();
				client.blockUntilConnected();
				client.create().withMode(CreateMode.PERSISTENT).forPath("/written", new byte[] { 1 });
				assertThat(client.getData().forPath("/written")).containsExactly(1);
			}
		}
		for (String server : connectString.split(",")) {
			int port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
			assertThat(isClosed(port)).as(server).isTrue();
		}
	}

	private static boolean isClosed(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
