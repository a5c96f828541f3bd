package io.zkworkflow.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.server.NettyServerCnxnFactory;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A real, in-process ZooKeeper server that listens on a TLS port only (Netty, client
 * certificates required), with a self-signed certificate made by {@code keytool} for the test.
 * Curator's TestingServer opens only the plain client port, so this runs ZooKeeper's own
 * standalone server main, which opens the secure one.
 */
final class TlsZooKeeperServer implements BeforeAllCallback, AfterAllCallback {

	static final String PASSWORD = "test-secret";

	private final Map<String, String> previousProperties = new HashMap<>();

	private Path directory;

	private int port;

	private StoppableServer server;

	private Thread thread;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		this.directory = Files.createTempDirectory("zk-tls");
		keytool("-genkeypair", "-alias", "zk", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=zk-workflow-test", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
				keyStore().toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
		keytool("-exportcert", "-alias", "zk", "-keystore", keyStore().toString(), "-storepass", PASSWORD, "-file",
				this.directory.resolve("zk.crt").toString());
		keytool("-importcert", "-noprompt", "-alias", "zk", "-file", this.directory.resolve("zk.crt").toString(),
				"-storetype", "PKCS12", "-keystore", trustStore().toString(), "-storepass", PASSWORD);
		// a second trusted client with an identity of its own
		keytool("-genkeypair", "-alias", "other", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=other-client", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore",
				otherKeyStore().toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
		keytool("-exportcert", "-alias", "other", "-keystore", otherKeyStore().toString(), "-storepass", PASSWORD,
				"-file", this.directory.resolve("other.crt").toString());
		keytool("-importcert", "-noprompt", "-alias", "other", "-file",
				this.directory.resolve("other.crt").toString(), "-storetype", "PKCS12", "-keystore",
				trustStore().toString(), "-storepass", PASSWORD);
		// the server reads these from system properties; restored after the class
		setSystemProperty("zookeeper.serverCnxnFactory", NettyServerCnxnFactory.class.getName());
		setSystemProperty("zookeeper.admin.enableServer", "false");
		setSystemProperty("zookeeper.ssl.keyStore.location", keyStore().toString());
		setSystemProperty("zookeeper.ssl.keyStore.password", PASSWORD);
		setSystemProperty("zookeeper.ssl.trustStore.location", trustStore().toString());
		setSystemProperty("zookeeper.ssl.trustStore.password", PASSWORD);
		this.port = freePort();
		Properties properties = new Properties();
		properties.setProperty("dataDir", this.directory.resolve("data").toString());
		properties.setProperty("secureClientPort", Integer.toString(this.port));
		properties.setProperty("secureClientPortAddress", "127.0.0.1");
		QuorumPeerConfig quorumConfig = new QuorumPeerConfig();
		quorumConfig.parseProperties(properties);
		ServerConfig config = new ServerConfig();
		config.readFrom(quorumConfig);
		this.server = new StoppableServer();
		this.thread = new Thread(() -> {
			try {
				this.server.runFromConfig(config);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}, "tls-zookeeper");
		this.thread.setDaemon(true);
		this.thread.start();
		await().atMost(30, TimeUnit.SECONDS).until(this::listening);
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (this.server != null) {
			this.server.stop();
			this.thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		this.previousProperties.forEach((key, value) -> {
			if (value == null) {
				System.clearProperty(key);
			}
			else {
				System.setProperty(key, value);
			}
		});
	}

	String connectString() {
		return "127.0.0.1:" + this.port;
	}

	Path keyStore() {
		return this.directory.resolve("zk.p12");
	}

	Path otherKeyStore() {
		return this.directory.resolve("other.p12");
	}

	Path trustStore() {
		return this.directory.resolve("trust.p12");
	}

	private boolean listening() {
		try (var socket = new java.net.Socket("127.0.0.1", this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void setSystemProperty(String key, String value) {
		this.previousProperties.put(key, System.getProperty(key));
		System.setProperty(key, value);
	}

	private void keytool(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + output);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static final class StoppableServer extends ZooKeeperServerMain {

		void stop() {
			shutdown();
		}

	}

}
