package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.zookeeper.client.FourLetterWordMain;
import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * One standalone ZooKeeper server of a given {@link ZooKeeperRelease} in its own JVM
 * ({@code ZooKeeperServerMain <port> <dataDir>}), on a free port, so that the project's client
 * can be checked against servers older than its own library. Ready once it answers the
 * {@code srvr} four-letter word, which also tells the version it runs.
 *
 * <p>Settings through system properties, which every release since 3.5 reads: admin server off,
 * four-letter words {@code srvr} and {@code ruok} on, {@code forceSync=no} (as in
 * {@link ProcessEnsemble}).
 */
final class StandaloneZooKeeper implements AutoCloseable {

	private static final String MAIN_CLASS = "org.apache.zookeeper.server.ZooKeeperServerMain";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private final ZooKeeperRelease release;

	private final int port;

	private final JavaProcess process;

	private StandaloneZooKeeper(ZooKeeperRelease release, int port, JavaProcess process) {
		this.release = release;
		this.port = port;
		this.process = process;
	}

	/**
	 * Start a server and wait until it answers {@code srvr}.
	 * @param release the release to run
	 * @param directory where its data and log go
	 * @return the serving server; close it to kill it
	 */
	static StandaloneZooKeeper start(ZooKeeperRelease release, Path directory) {
		int port = freePort();
		Path data;
		try {
			data = Files.createDirectories(directory.resolve("data"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory in " + directory, ex);
		}
		JavaProcess process = JavaProcess.start("zookeeper-" + release.version(), release.classpath(), MAIN_CLASS,
				List.of("-Xmx128m", "-Dzookeeper.admin.enableServer=false", "-Dzookeeper.jmx.log4j.disable=true",
						"-Dzookeeper.4lw.commands.whitelist=srvr,ruok", "-Dzookeeper.forceSync=no"),
				List.of(Integer.toString(port), data.toString()), directory.resolve("server.log"));
		StandaloneZooKeeper server = new StandaloneZooKeeper(release, port, process);
		try {
			await("ZooKeeper " + release + " answering srvr on port " + port + " (log: " + process.output() + ")")
				.atMost(STARTUP_TIMEOUT)
				.pollInterval(Duration.ofMillis(100))
				.failFast("ZooKeeper " + release + " exited; see " + process.output(), () -> !process.isAlive())
				.until(() -> server.reportedVersion() != null);
		}
		catch (RuntimeException | Error ex) {
			process.kill();
			throw ex;
		}
		return server;
	}

	ZooKeeperRelease release() {
		return this.release;
	}

	String connectString() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Ask the server for its version with {@code srvr}.
	 * @return the version without its build suffix ({@code 3.5.10}), or {@code null} when the
	 * server does not answer
	 */
	@Nullable String reportedVersion() {
		try {
			String status = FourLetterWordMain.send4LetterWord("127.0.0.1", this.port, "srvr", false, 1000);
			return status.lines()
				.filter((line) -> line.startsWith("Zookeeper version: "))
				.map((line) -> line.substring("Zookeeper version: ".length()).split("[-,]", 2)[0].trim())
				.findFirst()
				.orElse(null);
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * The server's log file.
	 * @return the file that receives the server's output
	 */
	public Path log() {
		return this.process.output();
	}

	/** SIGKILL the server. */
	@Override
	public void close() {
		this.process.kill();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port", ex);
		}
	}

	@Override
	public String toString() {
		return "zookeeper-" + this.release + ":" + this.port;
	}

}
