package io.zkworkflow.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
				+ this.operations + " | " + this.indeterminate + " | " + this.faults.size() + " (" + faultKinds()
				+ ") | " + lost + " | " + doubled + " | " + (this.violations.size() - lost - doubled) + " |\n";
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

	/** The faults grouped by kind, with server and worker names left out: "16 x kill -9 leader". */
	private String faultKinds() {
		Map<String, Long> kinds = this.faults.stream()
			.map((fault) -> fault.replaceAll(" zk\\d+", "").replaceAll("worker \\S+", "worker"))
			.collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
		return kinds.entrySet()
			.stream()
			.map((kind) -> kind.getValue() + " x " + kind.getKey())
			.collect(Collectors.joining("; "));
	}

	private long count(Violation.Kind kind) {
		return this.violations.stream().filter((violation) -> violation.kind() == kind).count();
	}

}
