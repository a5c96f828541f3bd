package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where a scenario keeps what it leaves behind for a person to read after a failure: server and
 * worker logs, ZooKeeper data and the history. Under {@code target/reliability/<test class>/}, one
 * directory per test (or {@code class} for what lives as long as the test class).
 */
final class RunDirectory {

	private RunDirectory() {
	}

	static Path of(ExtensionContext context) {
		return of(context.getRequiredTestClass(),
				context.getTestMethod().map((method) -> method.getName()).orElse("class"));
	}

	/**
	 * Create a new run directory for a test that names its own runs (one per parameter, say).
	 * @param owner the test class
	 * @param name the run's name
	 * @return the directory
	 */
	static Path of(Class<?> owner, String name) {
		Path directory = Path.of("target", "reliability", owner.getSimpleName(), name + "-" + System.currentTimeMillis())
			.toAbsolutePath();
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the run directory " + directory, ex);
		}
	}

}
