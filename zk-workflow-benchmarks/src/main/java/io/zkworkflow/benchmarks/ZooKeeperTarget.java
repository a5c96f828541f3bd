package io.zkworkflow.benchmarks;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Version;
import org.jspecify.annotations.Nullable;

/**
 * The one ZooKeeper every subject of a run talks to: an in-process standalone server or
 * 3-node ensemble (real servers, data on disk, fsync on, as in production), a 3-server
 * ensemble of separate processes started for the run ({@link ProcessEnsemble}), or an external
 * ensemble given by its connect string.
 */
public final class ZooKeeperTarget implements Closeable {

	/** ZooKeeper's switch for fsync of the transaction log; it defaults to {@code yes}. */
	static final String FORCE_SYNC = "zookeeper.forceSync";

	private final String connectString;

	private final String description;

	private final @Nullable Closeable server;

	private ZooKeeperTarget(String connectString, String description, @Nullable Closeable server) {
		this.connectString = connectString;
		this.description = description;
		this.server = server;
	}

	/**
	 * Start or connect to the ZooKeeper named by {@code --zookeeper}.
	 * @param spec {@code standalone}, {@code ensemble}, {@code processes} or a connect string
	 * @param dataRoot directory under which in-process servers keep their data
	 * @return the target, to close after the run
	 * @throws Exception when a server cannot start
	 */
	public static ZooKeeperTarget start(String spec, Path dataRoot) throws Exception {
		if (spec.equals("standalone")) {
			return standalone(dataRoot);
		}
		if (spec.equals("ensemble")) {
			return ensemble(dataRoot);
		}
		if (spec.equals("processes")) {
			return processes(dataRoot);
		}
		if (!spec.contains(":")) {
			throw new IllegalArgumentException("--zookeeper=" + spec + " is neither 'standalone', 'ensemble', "
					+ "'processes', 'both' nor a connect string such as 'zk1:2181,zk2:2181,zk3:2181'");
		}
		return new ZooKeeperTarget(spec, "external ZooKeeper at " + spec
				+ " (server version, disk and fsync settings are those of that ensemble)", null);
	}

	private static ZooKeeperTarget standalone(Path dataRoot) throws Exception {
		String fsync = ensureFsyncSetting();
		InstanceSpec spec = instance(dataRoot, -1);
		TestingServer server = new TestingServer(spec, true);
		return new ZooKeeperTarget(server.getConnectString(),
				"in-process standalone ZooKeeper " + Version.getFullVersion() + " (curator-test TestingServer), data at "
						+ spec.getDataDirectory() + ", " + fsync,
				server);
	}

	private static ZooKeeperTarget ensemble(Path dataRoot) throws Exception {
		String fsync = ensureFsyncSetting();
		List<InstanceSpec> specs = new ArrayList<>();
		for (int id = 1; id <= 3; id++) {
			specs.add(instance(dataRoot, id));
		}
		TestingCluster cluster = new TestingCluster(specs);
		cluster.start();
		return new ZooKeeperTarget(cluster.getConnectString(),
				"in-process 3-node ZooKeeper " + Version.getFullVersion()
						+ " ensemble (curator-test TestingCluster, all in this JVM, one disk), data under " + dataRoot
						+ ", " + fsync,
				cluster);
	}

	private static ZooKeeperTarget processes(Path dataRoot) throws Exception {
		String fsync = ensureFsyncSetting();
		ProcessEnsemble ensemble = ProcessEnsemble.start(dataRoot, System.getProperty(FORCE_SYNC).equals("no") ? "no" : "yes");
		return new ZooKeeperTarget(ensemble.connectString(),
				"3-server ZooKeeper " + Version.getFullVersion() + " ensemble of separate processes (one JVM each, "
						+ "-Xmx" + ProcessEnsemble.HEAP + ", serial GC, on this machine's one disk), data under "
						+ ensemble.directory() + ", " + fsync,
				ensemble);
	}

	private static InstanceSpec instance(Path dataRoot, int serverId) throws IOException {
		Files.createDirectories(dataRoot);
		Path dataDir = Files.createTempDirectory(dataRoot, "zk-data-");
		return new InstanceSpec(dataDir.toFile(), -1, -1, -1, true, serverId);
	}

	/**
	 * Make fsync explicit: keep ZooKeeper's default ({@code yes}) unless the user turned it off
	 * on purpose with {@code -Dzookeeper.forceSync=no}, in which case the report says so.
	 * @return how the report describes the setting
	 */
	static String ensureFsyncSetting() {
		String value = System.getProperty(FORCE_SYNC);
		if (value == null) {
			System.setProperty(FORCE_SYNC, "yes");
			return "fsync on (zookeeper.forceSync=yes, ZooKeeper's default)";
		}
		return value.equals("no") ? "**fsync OFF** (-Dzookeeper.forceSync=no: figures are not production-like)"
				: "fsync on (zookeeper.forceSync=" + value + ")";
	}

	/**
	 * Return the connect string subjects use.
	 * @return the connect string
	 */
	public String connectString() {
		return this.connectString;
	}

	/**
	 * Return how the report describes this ZooKeeper.
	 * @return a one-line description
	 */
	public String description() {
		return this.description;
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

}
