package io.zkworkflow.benchmarks;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.zookeeper.client.FourLetterWordMain;

/**
 * A three-server ZooKeeper ensemble whose servers are separate JVMs on free local ports, as
 * production runs them and as the reliability harness does: each server has its own heap,
 * garbage collector, threads and transaction log (all on the one disk of this machine). The
 * servers run {@link ServerProcessMain} from this JVM's own classpath (the benchmark jar, through
 * Spring Boot's {@code PropertiesLauncher}), and are killed on {@link #close()} (which also
 * deletes their data), by a shutdown hook, or by themselves when this JVM is gone.
 */
final class ProcessEnsemble implements Closeable {

	private static final int SIZE = 3;

	private static final long QUORUM_TIMEOUT_MILLIS = 120_000;

	/**
	 * Heap of each server: ZooKeeper keeps its whole tree in memory, and the backlog subjects
	 * hold 100,000 pending tasks (a million in full mode), which 512 MB did not survive.
	 */
	static final String HEAP = "3g";

	private final List<Process> servers = new ArrayList<>();

	private final List<Integer> clientPorts = new ArrayList<>();

	private final Path directory;

	private final Thread reaper = new Thread(this::killServers, "benchmark-ensemble-reaper");

	private ProcessEnsemble(Path directory) {
		this.directory = directory;
	}

	/**
	 * Configure and start the servers under a new directory of {@code dataRoot}, then wait
	 * until one leads and the others follow.
	 * @param dataRoot where the servers' directories go
	 * @param forceSync ZooKeeper's {@code forceSync} setting ({@code yes} or {@code no})
	 * @return the running ensemble
	 * @throws Exception when a server does not start or no quorum forms within two minutes
	 */
	static ProcessEnsemble start(Path dataRoot, String forceSync) throws Exception {
		Files.createDirectories(dataRoot);
		ProcessEnsemble ensemble = new ProcessEnsemble(Files.createTempDirectory(dataRoot, "zk-ensemble-"));
		Runtime.getRuntime().addShutdownHook(ensemble.reaper);
		try {
			ensemble.startServers(forceSync);
			ensemble.awaitQuorum();
			return ensemble;
		}
		catch (Exception | Error ex) {
			ensemble.close();
			throw ex;
		}
	}

	private void startServers(String forceSync) throws IOException {
		int[] ports = freePorts(SIZE * 3);
		StringBuilder members = new StringBuilder();
		for (int id = 1; id <= SIZE; id++) {
			members.append("server.").append(id).append("=127.0.0.1:").append(ports[3 * (id - 1) + 1]).append(':')
				.append(ports[3 * (id - 1) + 2]).append('\n');
		}
		for (int id = 1; id <= SIZE; id++) {
			Path server = Files.createDirectories(this.directory.resolve("server-" + id));
			Path data = Files.createDirectories(server.resolve("data"));
			Files.writeString(data.resolve("myid"), Integer.toString(id));
			int clientPort = ports[3 * (id - 1)];
			Path config = server.resolve("zoo.cfg");
			Files.writeString(config, """
					tickTime=1000
					initLimit=30
					syncLimit=10
					dataDir=%s
					clientPort=%d
					clientPortAddress=127.0.0.1
					maxClientCnxns=0
					admin.enableServer=false
					4lw.commands.whitelist=srvr
					forceSync=%s
					reconfigEnabled=false
					%s""".formatted(data, clientPort, forceSync, members));
			this.clientPorts.add(clientPort);
			this.servers.add(new ProcessBuilder(command(config)).redirectErrorStream(true)
				.redirectOutput(server.resolve("server.log").toFile())
				.start());
		}
	}

	private static List<String> command(Path config) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of("-Xmx" + HEAP, "-XX:+UseSerialGC", "-Dzookeeper.admin.enableServer=false"));
		String classPath = System.getProperty("java.class.path");
		boolean bootJar = classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator);
		command.add("-cp");
		command.add(classPath);
		if (bootJar) {
			command.add("-Dloader.main=" + ServerProcessMain.class.getName());
			command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		else {
			command.add(ServerProcessMain.class.getName());
		}
		command.add(Long.toString(ProcessHandle.current().pid()));
		command.add(config.toString());
		return command;
	}

	private void awaitQuorum() throws InterruptedException {
		long deadline = System.currentTimeMillis() + QUORUM_TIMEOUT_MILLIS;
		while (System.currentTimeMillis() < deadline) {
			for (Process server : this.servers) {
				if (!server.isAlive()) {
					throw new IllegalStateException("A ZooKeeper server of the ensemble exited (code "
							+ server.exitValue() + "); see the server.log files under " + this.directory);
				}
			}
			List<String> modes = this.clientPorts.stream().map(ProcessEnsemble::mode).toList();
			if (modes.stream().filter("leader"::equals).count() == 1
					&& modes.stream().filter("follower"::equals).count() == SIZE - 1) {
				return;
			}
			TimeUnit.MILLISECONDS.sleep(250);
		}
		throw new IllegalStateException("The three ZooKeeper servers formed no quorum within "
				+ QUORUM_TIMEOUT_MILLIS / 1000 + " s; see the server.log files under " + this.directory);
	}

	private static String mode(int port) {
		try {
			String status = FourLetterWordMain.send4LetterWord("127.0.0.1", port, "srvr", false, 2000);
			return status.lines()
				.filter((line) -> line.startsWith("Mode: "))
				.map((line) -> line.substring("Mode: ".length()).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (Exception ex) {
			return "down";
		}
	}

	/**
	 * Return the client connect string of the three servers.
	 * @return {@code 127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3}
	 */
	String connectString() {
		return this.clientPorts.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/**
	 * Return where the servers keep their configuration, data and logs.
	 * @return the directory
	 */
	Path directory() {
		return this.directory;
	}

	@Override
	public void close() {
		killServers();
		deleteData();
		try {
			Runtime.getRuntime().removeShutdownHook(this.reaper);
		}
		catch (IllegalStateException ex) {
			// shutting down already: the hook is running
		}
	}

	private void killServers() {
		for (Process server : this.servers) {
			server.destroyForcibly();
		}
		for (Process server : this.servers) {
			try {
				server.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** Delete the servers' snapshots and logs (gigabytes after a backlog run); configurations and server logs stay. */
	private void deleteData() {
		for (int id = 1; id <= SIZE; id++) {
			Path data = this.directory.resolve("server-" + id).resolve("data");
			if (!Files.exists(data)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(data)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
			catch (IOException ex) {
				// left for the operating system's temp cleaning
			}
		}
	}

	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < count; i++) {
				sockets.add(new ServerSocket(0));
			}
			return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
		}
		finally {
			for (ServerSocket socket : sockets) {
				socket.close();
			}
		}
	}

}
