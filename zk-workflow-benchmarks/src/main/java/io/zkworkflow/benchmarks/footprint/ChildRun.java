package io.zkworkflow.benchmarks.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One start of one variant in a fresh JVM (the same {@code java} binary as this one, no JVM
 * options), its output in a log file, and the figures it printed when ready.
 *
 * @param startupMillis from JVM start to {@code ApplicationReadyEvent}
 * @param bootMillis Spring Boot's own time to ready, from {@code SpringApplication.run}
 * @param cpuMillis CPU time of the process (all threads) from JVM start to ready
 * @param heapUsedBytes heap used after a {@code System.gc()} when ready
 * @param beans bean definitions in the context
 * @param jvm the child's garbage collectors and maximum heap
 * @param check the child's check line
 */
record ChildRun(long startupMillis, long bootMillis, long cpuMillis, long heapUsedBytes, int beans, String jvm, String check) {

	static final String MAIN_CLASS = "io.zkworkflow.benchmarks.footprint.app.FootprintApplication";

	private static final String READY = "footprint.ready ";

	private static final String CHECK = "footprint.check ";

	private static final long TIMEOUT_SECONDS = 180;

	static ChildRun launch(FootprintVariant variant, VariantClasspath classpath, @Nullable String connectString,
			Path log) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", classpath.asArgument(), MAIN_CLASS,
				"--spring.application.name=" + variant.applicationName()));
		if (variant.needsServer()) {
			command.add("--spring.cloud.zookeeper.connect-string=" + connectString);
		}
		command.addAll(variant.arguments());
		Files.createDirectories(log.getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException(variant.module() + " did not exit within " + TIMEOUT_SECONDS + " s; see " + log);
		}
		List<String> lines = Files.readAllLines(log);
		String ready = line(lines, READY, variant, log);
		String check = line(lines, CHECK, variant, log);
		if (process.exitValue() != 0 || check.startsWith("failed=")) {
			throw new IllegalStateException(variant.module() + " failed (exit " + process.exitValue() + "): " + check
					+ "; see " + log);
		}
		for (String expected : variant.expectedCheck()) {
			if (!check.contains(expected)) {
				throw new IllegalStateException(variant.module() + ": check line lacks '" + expected + "': " + check);
			}
		}
		Map<String, String> figures = fields(ready);
		if (!figures.containsKey("startup-ms")) {
			throw new IllegalStateException(variant.module() + " printed no figures: " + ready + "; see " + log);
		}
		return new ChildRun(Long.parseLong(figures.get("startup-ms")), Long.parseLong(figures.get("boot-ms")),
				Long.parseLong(figures.get("cpu-ms")), Long.parseLong(figures.get("heap-used-bytes")), Integer.parseInt(figures.get("beans")),
				figures.get("gc").replace('_', ' ') + ", max heap "
						+ Long.parseLong(figures.get("max-heap-bytes")) / (1024 * 1024) + " MiB",
				check);
	}

	private static String javaBinary() {
		return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	private static String line(List<String> lines, String prefix, FootprintVariant variant, Path log) {
		return lines.stream()
			.filter((line) -> line.startsWith(prefix))
			.map((line) -> line.substring(prefix.length()).trim())
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(variant.module() + " printed no '" + prefix.trim()
					+ "' line; see " + log));
	}

	private static Map<String, String> fields(String line) {
		Map<String, String> fields = new HashMap<>();
		for (String field : line.split(" ")) {
			int equals = field.indexOf('=');
			if (equals > 0) {
				fields.put(field.substring(0, equals), field.substring(equals + 1));
			}
		}
		return fields;
	}

}
