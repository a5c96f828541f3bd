package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.awaitility.Awaitility.await;

/**
 * A ZooKeeper ensemble whose servers are separate JVMs ({@link QuorumPeerMain} from the project's
 * own classpath) on free ports, so that a test can SIGKILL, SIGSTOP, SIGCONT and restart them.
 * Register as a static field; the servers start before the first test and are killed after the
 * last.
 *
 * <p>Settings: tickTime 1 s (sessions from 2 s to 20 s), admin server off, four-letter words
 * {@code srvr}, {@code ruok} and {@code mntr} on, {@code forceSync=no} (the transaction log still
 * reaches the operating system before a write is acknowledged, which is what survives a process
 * kill; only a machine crash would need the fsync).
 */
public class ProcessEnsemble implements BeforeAllCallback, AfterAllCallback {

	private static final Duration QUORUM_TIMEOUT = Duration.ofSeconds(90);

	private final int size;

	private final List<Server> servers = new ArrayList<>();

	public ProcessEnsemble() {
		this(3);
	}

	public ProcessEnsemble(int size) {
		this.size = size;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start(RunDirectory.of(context).resolve("ensemble"));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.servers.forEach(Server::kill);
		this.servers.clear();
	}

	/**
	 * Configure and start every server, then wait for a quorum.
	 * @param directory where configuration, data and logs go
	 */
	public void start(Path directory) {
		int[] ports = freePorts(this.size * 3);
		String members = "";
		for (int id = 1; id <= this.size; id++) {
			members += "server." + id + "=127.0.0.1:" + ports[3 * (id - 1) + 1] + ":" + ports[3 * (id - 1) + 2] + "\n";
		}
		try {
			Path logback = directory.resolve("logback.xml");
			Files.createDirectories(directory);
			Files.writeString(logback, """
					<configuration>
					  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
					    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
					  </appender>
					  <root level="INFO"><appender-ref ref="out"/></root>
					</configuration>
					""");
			for (int id = 1; id <= this.size; id++) {
				Path serverDirectory = Files.createDirectories(directory.resolve("server-" + id));
				Path data = Files.createDirectories(serverDirectory.resolve("data"));
				Files.writeString(data.resolve("myid"), Integer.toString(id));
				int clientPort = ports[3 * (id - 1)];
				Path config = serverDirectory.resolve("zoo.cfg");
				Files.writeString(config, """
						tickTime=1000
						initLimit=10
						syncLimit=5
						dataDir=%s
						clientPort=%d
						clientPortAddress=127.0.0.1
						admin.enableServer=false
						4lw.commands.whitelist=srvr,ruok,mntr
						forceSync=no
						reconfigEnabled=false
						%s""".formatted(data, clientPort, members));
				this.servers.add(new Server(id, clientPort, config, logback, serverDirectory.resolve("server.log")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot configure the ensemble in " + directory, ex);
		}
		this.servers.forEach(Server::start);
		awaitQuorum();
	}

	/**
	 * Return the client connect string of every server.
	 * @return {@code 127.0.0.1:p1,127.0.0.1:p2,...}
	 */
	public String connectString() {
		return this.servers.stream().map((server) -> "127.0.0.1:" + server.clientPort).collect(Collectors.joining(","));
	}

	public List<Server> servers() {
		return List.copyOf(this.servers);
	}

	/**
	 * Return the server that leads now.
	 * @return the leader
	 * @throws IllegalStateException when none leads (no quorum, or an election is running)
	 */
	public Server leader() {
		return this.servers.stream()
			.filter((server) -> "leader".equals(server.mode()))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No server of the ensemble is leading: " + modes()));
	}

	/**
	 * Wait until every running, unpaused server serves: one leader, the others following.
	 */
	public void awaitQuorum() {
		await("a leader and followers in " + this).atMost(QUORUM_TIMEOUT).until(this::serving);
	}

	private boolean serving() {
		List<Server> up = this.servers.stream().filter(Server::isServing).toList();
		List<String> modes = up.stream().map(Server::mode).toList();
		return !up.isEmpty() && up.size() > this.size / 2 && modes.stream().filter("leader"::equals).count() == 1
				&& modes.stream().allMatch((mode) -> "leader".equals(mode) || "follower".equals(mode));
	}

	/**
	 * SIGKILL every server.
	 */
	public void killAll() {
		this.servers.forEach(Server::kill);
	}

	/**
	 * Start every server that is not running and wait for a quorum.
	 */
	public void restartAll() {
		this.servers.stream().filter((server) -> !server.isRunning()).forEach(Server::start);
		awaitQuorum();
	}

	private String modes() {
		return this.servers.stream().map(Server::toString).collect(Collectors.joining(", "));
	}

	@Override
	public String toString() {
		return "ensemble[" + modes() + "]";
	}

	private static int[] freePorts(int count) {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find " + count + " free ports", ex);
		}
		finally {
			for (ServerSocket socket : sockets) {
				try {
					socket.close();
				}
				catch (IOException ex) {
					// the port stays free
				}
			}
		}
	}

	/**
	 * One server of the ensemble: its own JVM, its data directory kept across restarts.
	 */
	public static final class Server {

		private final int id;

		private final int clientPort;

		private final Path config;

		private final Path logback;

		private final Path log;

		private @Nullable JavaProcess process;

		Server(int id, int clientPort, Path config, Path logback, Path log) {
			this.id = id;
			this.clientPort = clientPort;
			this.config = config;
			this.logback = logback;
			this.log = log;
		}

		public int id() {
			return this.id;
		}

		public int clientPort() {
			return this.clientPort;
		}

		/** Start the server's JVM (again, after a kill) on the same ports and data. */
		public void start() {
			if (isRunning()) {
				throw new IllegalStateException("Server " + this.id + " is already running");
			}
			this.process = JavaProcess.start("zookeeper-" + this.id, QuorumPeerMain.class.getName(),
					List.of("-Xmx128m", "-Dlogback.configurationFile=" + this.logback,
							"-Dzookeeper.admin.enableServer=false", "-Dzookeeper.jmx.log4j.disable=true"),
					List.of(this.config.toString()), this.log);
		}

		/** SIGKILL the server. */
		public void kill() {
			if (this.process != null) {
				this.process.kill();
			}
		}

		/** SIGKILL the server and start it again. */
		public void restart() {
			kill();
			start();
		}

		/** SIGSTOP the server. */
		public void pause() {
			requireProcess().pause();
		}

		/** SIGCONT the server. */
		public void resume() {
			requireProcess().resume();
		}

		public boolean isRunning() {
			return this.process != null && this.process.isAlive();
		}

		boolean isServing() {
			return isRunning() && !requireProcess().isPaused();
		}

		/**
		 * Ask the server for its role with the {@code srvr} four-letter word.
		 * @return {@code leader}, {@code follower}, {@code standalone}, or {@code null} when it
		 * does not answer or does not serve
		 */
		public @Nullable String mode() {
			if (!isServing()) {
				return null;
			}
			try {
				String status = FourLetterWordMain.send4LetterWord("127.0.0.1", this.clientPort, "srvr", false, 1000);
				return status.lines()
					.filter((line) -> line.startsWith("Mode: "))
					.map((line) -> line.substring("Mode: ".length()).trim())
					.findFirst()
					.orElse(null);
			}
			catch (Exception ex) {
				return null;
			}
		}

		private JavaProcess requireProcess() {
			if (this.process == null) {
				throw new IllegalStateException("Server " + this.id + " was never started");
			}
			return this.process;
		}

		@Override
		public String toString() {
			return "zk" + this.id + ":" + this.clientPort + "="
					+ (!isRunning() ? "down" : requireProcess().isPaused() ? "paused" : mode());
		}

	}

}
