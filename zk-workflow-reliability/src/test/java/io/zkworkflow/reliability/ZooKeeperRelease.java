package io.zkworkflow.reliability;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A ZooKeeper server release that {@link StandaloneZooKeeper} can run: its two jars
 * ({@code zookeeper} and {@code zookeeper-jute}), either copied from Maven Central by this
 * module's build into {@code target/zookeeper-servers/<version>/}, or the ones on the test
 * classpath (the release the project's client library comes from).
 *
 * @param version the release, such as {@code 3.6.4}
 * @param jars the release's two jars
 */
record ZooKeeperRelease(String version, List<Path> jars) {

	/** Where the build copies the older releases (see this module's pom). */
	static final Path COPIED = Path.of("target", "zookeeper-servers");

	private static final Pattern SERVER_JAR = Pattern.compile("zookeeper-(\\d+\\.\\d+\\.\\d+)\\.jar");

	ZooKeeperRelease {
		jars = List.copyOf(jars);
	}

	/**
	 * Return a release the build copied into {@code target/zookeeper-servers/<version>/}.
	 * @param version the release
	 * @return the release
	 * @throws IllegalStateException when the build did not copy it
	 */
	static ZooKeeperRelease copied(String version) {
		Path directory = COPIED.resolve(version).toAbsolutePath();
		List<Path> jars = jarsIn(directory);
		if (jars.size() != 2) {
			throw new IllegalStateException("Expected zookeeper-" + version + ".jar and zookeeper-jute-" + version
					+ ".jar in " + directory + " but found " + jars + ". Add the version to the zookeeper-servers "
					+ "execution in zk-workflow-reliability/pom.xml and run 'mvn -pl zk-workflow-reliability "
					+ "generate-test-resources' (every test run does it).");
		}
		return new ZooKeeperRelease(version, jars);
	}

	/**
	 * Return the release whose jars are on the test classpath.
	 * @return the release
	 */
	static ZooKeeperRelease ofTestClasspath() {
		List<Path> jars = testClasspath().stream().filter(ZooKeeperRelease::isZooKeeperJar).toList();
		String version = jars.stream()
			.map((jar) -> SERVER_JAR.matcher(jar.getFileName().toString()))
			.filter(Matcher::matches)
			.map((matcher) -> matcher.group(1))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No zookeeper-<version>.jar on the test classpath"));
		return new ZooKeeperRelease(version, jars);
	}

	/**
	 * Return the classpath of a JVM that runs this release: its jars, then the test classpath
	 * without any ZooKeeper jar (logging, metrics and the harness come from there).
	 * @return the classpath
	 */
	String classpath() {
		List<String> entries = new ArrayList<>();
		this.jars.forEach((jar) -> entries.add(jar.toString()));
		testClasspath().stream().filter((entry) -> !isZooKeeperJar(entry)).forEach((entry) -> entries.add(entry.toString()));
		return String.join(File.pathSeparator, entries);
	}

	private static List<Path> testClasspath() {
		return Stream.of(JavaProcess.testClasspath().split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.map(Path::of)
			.toList();
	}

	/** Whether a classpath entry is one of ZooKeeper's own jars (zookeeper, zookeeper-jute). */
	private static boolean isZooKeeperJar(Path entry) {
		String name = entry.getFileName().toString();
		return name.startsWith("zookeeper-") && name.endsWith(".jar");
	}

	private static List<Path> jarsIn(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(ZooKeeperRelease::isZooKeeperJar).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot list " + directory, ex);
		}
	}

	@Override
	public String toString() {
		return this.version;
	}

}
