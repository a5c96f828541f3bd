package io.zkworkflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Renders results as one Markdown table per {@link BenchmarkTable}, each with ratios to its
 * baseline, and the warnings for any subject that failed or broke a correctness counter.
 */
public final class MarkdownReport {

	private static final String HEADER = """
			| Subject | Measurement | ops/s | p50 ms | p99 ms | ops/s vs baseline | p50 vs baseline | p99 vs baseline | Correctness (must be 0) | Notes |
			|---|---|--:|--:|--:|--:|--:|--:|---|---|
			""";

	private final List<SubjectResult> results;

	/**
	 * Create a report of these results.
	 * @param results every subject's result, in run order
	 */
	public MarkdownReport(List<SubjectResult> results) {
		this.results = List.copyOf(results);
	}

	/**
	 * Render every table that has at least one result.
	 * @return Markdown
	 */
	public String tables() {
		StringBuilder markdown = new StringBuilder();
		for (BenchmarkTable table : BenchmarkTable.values()) {
			List<SubjectResult> rows = this.results.stream().filter((result) -> result.table() == table).toList();
			if (rows.isEmpty()) {
				continue;
			}
			Optional<SubjectResult> baseline = find(table.baseline());
			markdown.append("### ").append(table.title()).append("\n\n");
			markdown.append("Baseline: `").append(table.baseline()).append('`');
			if (baseline.isEmpty()) {
				markdown.append(" (not measured in this run, so no ratios)");
			}
			markdown.append("\n\n").append(HEADER);
			List<SubjectResult> shown = new ArrayList<>(rows);
			if (baseline.isPresent() && !rows.contains(baseline.get())) {
				shown.add(0, baseline.get());
			}
			for (SubjectResult row : shown) {
				markdown.append(row(row, table, baseline.filter(SubjectResult::succeeded).orElse(null))).append('\n');
			}
			markdown.append('\n');
		}
		return markdown.toString();
	}

	/**
	 * Render one warning line per failed subject and per non-zero correctness counter.
	 * @return Markdown lines, empty when everything was measured and correct
	 */
	public List<String> warnings() {
		List<String> warnings = new ArrayList<>();
		for (SubjectResult result : this.results) {
			if (!result.succeeded()) {
				warnings.add("**WARN: `" + result.subject() + "` FAILED: " + escape(result.failure()) + "**");
			}
			Map<String, Long> violations = result.violations();
			if (!violations.isEmpty()) {
				warnings.add("**WARN: `" + result.subject() + "` LOST CORRECTNESS: " + counters(violations)
						+ " (each must be 0)**");
			}
		}
		return warnings;
	}

	private String row(SubjectResult row, BenchmarkTable table, @Nullable SubjectResult baseline) {
		String name = "`" + row.subject() + "`";
		if (row.table() != table) {
			name += " (baseline, from \"" + row.table().title() + "\")";
		}
		else if (row.subject().equals(table.baseline())) {
			name += " (baseline)";
		}
		List<String> cells = new ArrayList<>();
		cells.add(name);
		cells.add(escape(row.measurement()));
		if (row.succeeded()) {
			cells.add(Figures.throughput(row.opsPerSecond()));
			cells.add(Figures.millis(row.p50Nanos()));
			cells.add(Figures.millis(row.p99Nanos()));
			cells.add(Figures.ratio(row.opsPerSecond(), (baseline != null) ? baseline.opsPerSecond() : null));
			cells.add(Figures.ratio(row.p50Nanos(), (baseline != null) ? (double) baseline.p50Nanos() : null));
			cells.add(Figures.ratio(row.p99Nanos(), (baseline != null) ? (double) baseline.p99Nanos() : null));
		}
		else {
			cells.add("**FAILED**");
			for (int i = 0; i < 5; i++) {
				cells.add(Figures.NONE);
			}
		}
		cells.add(correctness(row));
		cells.add(escape(row.succeeded() ? row.note() : row.failure()));
		return "| " + String.join(" | ", cells) + " |";
	}

	private static String correctness(SubjectResult row) {
		if (row.correctness().isEmpty()) {
			return Figures.NONE;
		}
		return row.correctness()
			.entrySet()
			.stream()
			.map((entry) -> (entry.getValue() == 0) ? entry.getKey() + "=0"
					: "**" + entry.getKey() + "=" + entry.getValue() + "**")
			.collect(Collectors.joining(", "));
	}

	private static String counters(Map<String, Long> counters) {
		return counters.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	private Optional<SubjectResult> find(String subject) {
		return this.results.stream().filter((result) -> result.subject().equals(subject)).findFirst();
	}

	private static String escape(@Nullable String text) {
		return (text != null) ? text.replace("|", "\\|").replace("\n", " ") : "";
	}

}
