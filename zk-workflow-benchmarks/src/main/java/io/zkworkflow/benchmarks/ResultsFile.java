package io.zkworkflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run's report, with the machine and ZooKeeper it was measured on, to
 * {@code <mode>.md} ({@code short.md} or {@code full.md}) in the results directory, one file
 * per mode so that a short run never overwrites the last full one, and to {@code latest.md},
 * the last run of any mode, which {@code latest.json} ({@link ResultsJson}) sits beside.
 */
public final class ResultsFile {

	private ResultsFile() {
	}

	/**
	 * Compose the whole report.
	 * @param command the command line that produced it
	 * @param options the parsed options
	 * @param machine the machine
	 * @param zookeeper how the run's ZooKeeper is described
	 * @param report the tables and warnings
	 * @return Markdown
	 */
	public static String compose(String command, BenchmarkOptions options, MachineDescription machine,
			String zookeeper, MarkdownReport report) {
		StringBuilder markdown = new StringBuilder();
		markdown.append("## Benchmark results (").append(options.mode()).append(" mode)\n\n");
		markdown.append("Produced by `").append(command).append("` on this machine:\n\n");
		markdown.append(machine.toMarkdown());
		markdown.append("- ZooKeeper: ").append(zookeeper).append('\n');
		markdown.append("- Plan: warm-up ").append(options.plan().warmup().toMillis() / 1000.0).append(" s, window ")
			.append(options.plan().window().toMillis() / 1000.0)
			.append(" s per subject; all subjects in one JVM, one after the other")
			.append((options.plan().rounds() > 1) ? "; " + options.plan().rounds()
					+ " rounds, each figure the median of its rounds (ratios divide medians)\n" : "\n");
		if (!options.subjectOptions().given().isEmpty()) {
			markdown.append("- Subject options: ").append(options.subjectOptions().given()).append('\n');
		}
		markdown.append('\n');
		markdown.append("Ratios divide by the table's baseline measured in this same run: above 1x is more ops/s, "
				+ "below 1x is lower latency.\n\n");
		markdown.append(report.tables());
		List<String> warnings = report.warnings();
		if (warnings.isEmpty()) {
			markdown.append("All correctness counters are 0.\n");
		}
		else {
			warnings.forEach((warning) -> markdown.append(warning).append("\n\n"));
		}
		return markdown.toString();
	}

	/**
	 * Write the report.
	 * @param directory the results directory, created if missing
	 * @param mode the run's mode
	 * @param markdown the report
	 * @return the file written
	 * @throws IOException when the directory is not writable
	 */
	public static Path write(Path directory, String mode, String markdown) throws IOException {
		Files.createDirectories(directory);
		Path file = directory.resolve(mode + ".md");
		Files.writeString(file, markdown);
		Files.writeString(directory.resolve("latest.md"), markdown);
		return file;
	}

}
