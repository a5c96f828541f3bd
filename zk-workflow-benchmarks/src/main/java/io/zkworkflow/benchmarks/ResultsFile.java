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
	 * Compose the whole report of a run against one ZooKeeper or, with {@code --zookeeper=both},
	 * two: the headline ratios side by side first, then each target's tables.
	 * @param command the command line that produced it
	 * @param options the parsed options
	 * @param machine the machine
	 * @param runs the results against each ZooKeeper, in run order
	 * @return Markdown
	 */
	public static String composeRuns(String command, BenchmarkOptions options, MachineDescription machine,
			List<TargetRun> runs) {
		List<String> zookeepers = runs.stream()
			.map((run) -> "- ZooKeeper" + ((runs.size() > 1) ? " (" + run.label() + ")" : "") + ": " + run.zookeeper())
			.toList();
		StringBuilder markdown = header(command, options, machine, zookeepers);
		markdown.append(HeadlineTable.render(runs));
		for (TargetRun run : runs) {
			if (runs.size() > 1) {
				markdown.append("## Against the ").append(run.label()).append("\n\n");
			}
			tables(markdown, new MarkdownReport(run.results()));
			markdown.append((runs.size() > 1) ? "\n" : "");
		}
		return markdown.toString();
	}

	private static StringBuilder header(String command, BenchmarkOptions options, MachineDescription machine,
			List<String> zookeepers) {
		StringBuilder markdown = new StringBuilder();
		markdown.append("## Benchmark results (").append(options.mode()).append(" mode)\n\n");
		markdown.append("Produced by `").append(command).append("` on this machine:\n\n");
		markdown.append(machine.toMarkdown());
		zookeepers.forEach((line) -> markdown.append(line).append('\n'));
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
		return markdown;
	}

	private static void tables(StringBuilder markdown, MarkdownReport report) {
		markdown.append(report.tables());
		List<String> warnings = report.warnings();
		if (warnings.isEmpty()) {
			markdown.append("All correctness counters are 0.\n");
		}
		else {
			warnings.forEach((warning) -> markdown.append(warning).append("\n\n"));
		}
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
