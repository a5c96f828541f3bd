package io.zkworkflow.internal;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.zookeeper.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ServerVersionReaderTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ServerVersionReader reader = new ServerVersionReader(Duration.ofSeconds(2));

	@Test
	void parsesTheVersionOfA35Server() {
		String reply = """
				Zookeeper version: 3.5.10-c1d0c9b7c5ed3db54d7e6bb3c43eb0ad0e12bf35, built on 05/25/2022 09:57 GMT
				Latency min/avg/max: 0/0.0/0
				Received: 1
				Sent: 0
				Connections: 1
				Outstanding: 0
				Zxid: 0x0
				Mode: standalone
				Node count: 5
				""";
		assertThat(ServerVersionReader.parse(reply)).isEqualTo("3.5.10");
	}

	@Test
	void parsesVersionsWithoutABuildSuffix() {
		assertThat(ServerVersionReader.parse("Zookeeper version: 3.9.5, built on 2025-10-01")).isEqualTo("3.9.5");
	}

	@Test
	void aRefusedOrEmptyReplyHasNoVersion() {
		assertThat(ServerVersionReader.parse("srvr is not executed because it is not in the whitelist.\n")).isNull();
		assertThat(ServerVersionReader.parse("")).isNull();
	}

	@Test
	void readsTheVersionOfARunningServer() {
		assertThat(this.reader.read(zookeeper.connectString() + "/chroot"))
			.isEqualTo(Version.getFullVersion().replaceAll("[-,].*", ""));
	}

	@Test
	void skipsServersThatDoNotAnswer() throws Exception {
		String silent = "127.0.0.1:" + unusedPort();
		assertThat(this.reader.read(silent)).isNull();
		assertThat(this.reader.read(silent + "," + zookeeper.connectString())).isNotNull();
	}

	private static int unusedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
