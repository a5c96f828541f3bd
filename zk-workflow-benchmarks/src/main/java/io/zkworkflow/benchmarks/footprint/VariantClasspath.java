package io.zkworkflow.benchmarks.footprint;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The runtime classpath Maven resolved for a variant ({@code target/classpath.txt} of its module),
 * and its jars without the application's own: the figures the table compares.
 *
 * @param entries every entry, the application included, for the child JVM
 * @param jars the runtime jars, the application excluded
 * @param bytes their total size
 */
record VariantClasspath(List<Path> entries, List<Path> jars, long bytes) {

	static final String APPLICATION_ARTIFACT = "zk-workflow-footprint-app";

	static VariantClasspath read(Path variantsDir, FootprintVariant variant) throws IOException {
		Path file = variantsDir.resolve(variant.module()).resolve("target").resolve("classpath.txt");
		if (!Files.isRegularFile(file)) {
			throw new IllegalStateException(file + " is missing: build first with "
					+ "mvn -B -q -P benchmarks -pl zk-workflow-benchmarks -am package -DskipTests");
		}
		List<Path> entries = Arrays.stream(Files.readString(file).trim().split(File.pathSeparator))
			.filter((entry) -> !entry.isBlank())
			.map(Path::of)
			.toList();
		List<Path> jars = entries.stream().filter((entry) -> !isApplication(entry)).toList();
		if (jars.size() == entries.size()) {
			throw new IllegalStateException(file + " does not hold the application (" + APPLICATION_ARTIFACT + ")");
		}
		long bytes = 0;
		for (Path jar : jars) {
			String name = jar.getFileName().toString();
			if (!name.endsWith(".jar") || !Files.isRegularFile(jar)) {
				throw new IllegalStateException(variant.module() + ": " + jar + " is not a built jar; build with package");
			}
			variant.forbiddenJars().stream().filter(name::startsWith).findFirst().ifPresent((prefix) -> {
				throw new IllegalStateException(variant.module() + " must not see " + prefix + "*, found " + jar);
			});
			bytes += Files.size(jar);
		}
		return new VariantClasspath(entries, jars, bytes);
	}

	private static boolean isApplication(Path entry) {
		return entry.getFileName().toString().startsWith(APPLICATION_ARTIFACT)
				|| entry.toString().replace('\\', '/').endsWith("footprint/app/target/classes");
	}

	String asArgument() {
		return String.join(File.pathSeparator, this.entries.stream().map(Path::toString).toList());
	}

}
