package io.zkworkflow.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as Boot's AOT mode runs it ({@code -Dspring.aot.enabled=true}, the code that
 * {@code process-aot} generated into {@code target/classes} instead of the configuration
 * classes), in a JVM of its own: it starts on its embedded ZooKeeper and completes an order's
 * workflow. A native image runs the same generated code.
 */
class SampleAotTests {

	private static final String INITIALIZER = SampleApplication.class.getName() + "__ApplicationContextInitializer";

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	@Test
	void completesAnOrderInAotMode() throws Exception {
		// the Maven build generates it; a run from an IDE that skipped process-aot has nothing to test
		Assumptions.assumeTrue(ClassUtils.isPresent(INITIALIZER, getClass().getClassLoader()),
				INITIALIZER + " is not on the classpath; run the tests with Maven, whose process-aot execution generates it");
		Path output = Path.of("target", "sample-aot.log");
		Process sample = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dspring.aot.enabled=true", "-cp", applicationClasspath(),
				SampleApplication.class.getName(), "--server.port=0", "--zk-workflow.embedded.port=0"))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			String port = await("the sample's web port in " + output).atMost(Duration.ofSeconds(90))
				.failFast("the sample exited; see " + output, () -> !sample.isAlive())
				.until(() -> find(output, PORT), Optional::isPresent)
				.orElseThrow();
			assertThat(Files.readString(output)).contains("Starting AOT-processed SampleApplication");
			SampleClient client = SampleClient.on(Integer.parseInt(port));
			assertThat(client.placePaidOrder("alice", "aot-1", "c1")).isEqualTo(202);
			RestClient http = client.http();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(http.get().uri("/orders/aot-1").retrieve().body(String.class))
					.contains("\"COMPLETED\""));
		}
		finally {
			sample.destroy();
			if (!sample.waitFor(30, TimeUnit.SECONDS)) {
				sample.destroyForcibly();
			}
		}
	}

	/**
	 * The classpath the application runs with: surefire's test classpath without the test
	 * classes, whose configurations the AOT-processed application must not need.
	 */
	private static String applicationClasspath() {
		String surefire = System.getProperty("surefire.test.class.path");
		String classpath = (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
		return Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).endsWith(Path.of("target", "test-classes")))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static Optional<String> find(Path output, Pattern pattern) {
		try {
			Matcher matcher = pattern.matcher(Files.readString(output, StandardCharsets.UTF_8));
			return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
