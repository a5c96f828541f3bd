package io.zkworkflow.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime classpath an application gets from the starter alone (written by the build to
 * {@code target/runtime-classpath.txt}) stays lean and holds nothing for tests or servers.
 */
class StarterFootprintTests {

	static final int MAX_JARS = 60;

	static final long MAX_BYTES = 28L * 1024 * 1024;

	/** Artifacts a production classpath must never carry: test support and server-only code. */
	static final List<String> FORBIDDEN = List.of("curator-test", "junit", "zk-workflow-embedded", "zk-workflow-test",
			"metrics-core", "snappy-java", "commons-io", "netty-tcnative", "bcprov", "guava", "spring-cloud-loadbalancer",
			"reactor-core");

	private final List<Path> jars = runtimeClasspath();

	@Test
	void staysWithinTheJarBound() {
		assertThat(this.jars).as("runtime jars of an application with the starter alone").hasSizeLessThanOrEqualTo(MAX_JARS);
	}

	@Test
	void staysWithinTheSizeBound() throws IOException {
		long bytes = 0;
		for (Path jar : this.jars) {
			bytes += Files.size(jar);
		}
		assertThat(bytes).as("bytes of %s", this.jars).isLessThanOrEqualTo(MAX_BYTES);
	}

	@Test
	void carriesNothingForTestsOrServers() {
		assertThat(this.jars).map((jar) -> jar.getFileName().toString())
			.noneMatch((name) -> FORBIDDEN.stream().anyMatch(name::startsWith));
	}

	private static List<Path> runtimeClasspath() {
		try {
			String classpath = Files.readString(Path.of("target", "runtime-classpath.txt")).trim();
			return Arrays.stream(classpath.split(java.io.File.pathSeparator)).map(Path::of).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException("target/runtime-classpath.txt is missing; run the tests through Maven, "
					+ "whose dependency plugin writes it in generate-test-resources", ex);
		}
	}

}
