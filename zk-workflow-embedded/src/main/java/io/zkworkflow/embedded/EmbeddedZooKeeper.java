package io.zkworkflow.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.util.FileSystemUtils;

/**
 * A real ZooKeeper server running inside the application: standalone, admin server off, and a
 * server fault is logged instead of exiting the JVM.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final ZooKeeperServerEmbedded server;

	private final Path baseDir;

	private final boolean temporary;

	private final int port;

	private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, Path baseDir, boolean temporary, int port) {
		this.server = server;
		this.baseDir = baseDir;
		this.temporary = temporary;
		this.port = port;
	}

	/**
	 * Start a server.
	 * @param port the client port, or 0 for a free one
	 * @param dataDir where to keep data; {@code null} for a temporary directory removed on
	 * {@link #close()}
	 * @return the running server
	 */
	public static EmbeddedZooKeeper start(int port, @Nullable Path dataDir) {
		boolean temporary = (dataDir == null);
		try {
			Path baseDir = temporary ? Files.createTempDirectory("zk-workflow-embedded-") : dataDir;
			Files.createDirectories(baseDir);
			requireServerClasses();
			int clientPort = (port != 0) ? requireFree(port) : freePort();
			Properties config = new Properties();
			config.setProperty("clientPort", Integer.toString(clientPort));
			config.setProperty("clientPortAddress", "127.0.0.1");
			config.setProperty("dataDir", baseDir.resolve("data").toString());
			config.setProperty("admin.enableServer", "false");
			config.setProperty("tickTime", "2000");
			config.setProperty("initLimit", "10");
			config.setProperty("syncLimit", "5");
			ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
				.baseDir(baseDir)
				.configuration(config)
				.exitHandler(ExitHandler.LOG_ONLY)
				.build();
			server.start(START_TIMEOUT.toMillis());
			return new EmbeddedZooKeeper(server, baseDir, temporary, clientPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not prepare the embedded ZooKeeper's data directory", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The embedded ZooKeeper did not start within " + START_TIMEOUT
					+ " (port " + port + ", zk-workflow.embedded.port; 0 picks a free port). "
					+ "Look for 'org.apache.zookeeper' errors above: a busy port or a missing server "
					+ "dependency (io.dropwizard.metrics:metrics-core) are the usual causes.", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the embedded ZooKeeper on port " + port
					+ " (zk-workflow.embedded.port; 0 picks a free port): " + ex, ex);
		}
	}

	// ZooKeeper's embedded server reports these failures only by timing out, so check first
	private static void requireServerClasses() {
		for (String type : new String[] { "com.codahale.metrics.Reservoir", "org.xerial.snappy.SnappyInputStream" }) {
			if (!ClassUtils.isPresent(type, EmbeddedZooKeeper.class.getClassLoader())) {
				throw new IllegalStateException("The embedded ZooKeeper server needs " + type
						+ " on the classpath; add io.dropwizard.metrics:metrics-core and org.xerial.snappy:snappy-java "
						+ "(zk-workflow-embedded brings both unless they are excluded)");
			}
		}
	}

	private static int requireFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return port;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the embedded ZooKeeper: port " + port
					+ " is in use. Stop what listens there, choose another zk-workflow.embedded.port, or set it to 0 "
					+ "for any free port", ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	/**
	 * Return the connect string clients use.
	 * @return {@code 127.0.0.1:port}
	 */
	public String connectString() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Return the client port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the directory holding the server's data.
	 * @return the data directory
	 */
	public Path dataDir() {
		return this.baseDir;
	}

	/**
	 * Whether the data directory is removed on close.
	 * @return {@code true} for a temporary directory
	 */
	public boolean isTemporary() {
		return this.temporary;
	}

	@Override
	public void close() {
		this.server.close();
		if (this.temporary) {
			try {
				FileSystemUtils.deleteRecursively(this.baseDir);
			}
			catch (IOException ex) {
				// a temp directory that cannot be removed is left to the OS
			}
		}
	}

}
