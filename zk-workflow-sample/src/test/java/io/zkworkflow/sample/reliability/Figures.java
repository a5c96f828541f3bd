package io.zkworkflow.sample.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The figures of one scenario run (what docs/reliability.md publishes): appended as a Markdown
 * table row to {@code target/reliability/figures.md} and printed.
 *
 * @param scenario the scenario and mode
 * @param operations acknowledged operations
 * @param indeterminate operations that failed and may or may not have taken effect
 * @param faults faults injected, described
 * @param violations what the checker found
 */
record Figures(String scenario, long operations, long indeterminate, List<String> faults, List<Violation> violations) {

	private static final Path FILE = Path.of("target", "reliability", "figures.md");

	/**
	 * Append this run's row and print it.
	 */
	void publish() {
		long lost = count(Violation.Kind.LOST);
		long doubled = count(Violation.Kind.DOUBLE_COMMIT);
		String row = "| " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " | " + this.scenario + " | "
				+ this.operations + " | " + this.indeterminate + " | " + this.faults.size() + " ("
				+ String.join("; ", this.faults) + ") | " + lost + " | " + doubled + " | "
				+ (this.violations.size() - lost - doubled) + " |\n";
		System.out.print("FIGURES " + row);
		try {
			Files.createDirectories(FILE.getParent());
			if (!Files.exists(FILE)) {
				Files.writeString(FILE, "| when | scenario | operations | indeterminate | faults | lost | duplicated "
						+ "| other violations |\n|---|---|---|---|---|---|---|---|\n", StandardCharsets.UTF_8);
			}
			Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long count(Violation.Kind kind) {
		return this.violations.stream().filter((violation) -> violation.kind() == kind).count();
	}

}
