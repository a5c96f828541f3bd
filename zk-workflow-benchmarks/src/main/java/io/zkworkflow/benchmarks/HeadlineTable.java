package io.zkworkflow.benchmarks;

import java.util.List;

/**
 * The headline ratios of a run as one Markdown table, one column per ZooKeeper the selection
 * ran against, so that single-server and ensemble figures of the same question sit side by
 * side. Rows whose subject ran against none of them are left out.
 */
final class HeadlineTable {

	private HeadlineTable() {
	}

	/**
	 * Render the table.
	 * @param runs the run's targets, in run order
	 * @return Markdown, empty when no headline was measured
	 */
	static String render(List<TargetRun> runs) {
		StringBuilder rows = new StringBuilder();
		for (HeadlineRatio headline : HeadlineRatio.ALL) {
			StringBuilder row = new StringBuilder("| `").append(headline.key()).append("` | `")
				.append(headline.subject()).append("` ").append(figure(headline.figure())).append(" |");
			boolean measured = false;
			for (TargetRun run : runs) {
				Double ratio = headline.in(run.results());
				measured |= ratio != null;
				row.append(' ').append((ratio != null) ? String.format("%.3fx", ratio) : Figures.NONE).append(" |");
			}
			if (measured) {
				rows.append(row).append('\n');
			}
		}
		if (rows.isEmpty()) {
			return "";
		}
		StringBuilder markdown = new StringBuilder("### Headline ratios\n\n");
		markdown.append("Each divides a subject's figure by its table's baseline against the same ZooKeeper in this run");
		if (runs.size() > 1) {
			markdown.append("; the ensemble column is written to `latest.json` with `ensemble` before the last part of "
					+ "the key (`tasks.saturated.ensemble.vs_distributed_queue`)");
		}
		markdown.append(".\n\n| Ratio (`latest.json` key) | Figure |");
		runs.forEach((run) -> markdown.append(' ').append(run.label()).append(" |"));
		markdown.append("\n|---|---|");
		runs.forEach((run) -> markdown.append("--:|"));
		markdown.append('\n').append(rows).append('\n');
		return markdown.toString();
	}

	private static String figure(HeadlineRatio.Figure figure) {
		return switch (figure) {
			case OPS_PER_SECOND -> "ops/s";
			case P50 -> "p50";
			case P99 -> "p99";
		};
	}

}
