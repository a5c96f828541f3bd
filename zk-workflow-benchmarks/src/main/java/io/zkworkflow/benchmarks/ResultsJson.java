package io.zkworkflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The figures of a run for scripts, written as {@code latest.json} beside {@code latest.md}:
 * {@code run} (mode, rounds, date, command, whether every counter stayed 0), {@code ratios}
 * (one key per {@link HeadlineRatio}, {@code null} when not measured; with
 * {@code --zookeeper=both} one more per headline for the ensemble) and {@code subjects} (every
 * subject's own figures and its ratios to its table's baseline; {@code ensemble_subjects} for
 * the ensemble).
 */
public final class ResultsJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ResultsJson() {
	}

	/**
	 * Compose the JSON document of a run against one ZooKeeper.
	 * @param command the command line that produced it
	 * @param options the parsed options
	 * @param date when the run started, ISO-8601
	 * @param results every subject's result
	 * @return the document
	 */
	public static String compose(String command, BenchmarkOptions options, String date, List<SubjectResult> results) {
		return composeRuns(command, options, date, List.of(new TargetRun(options.zookeeper(), false, "", results)));
	}

	/**
	 * Compose the JSON document of a run against one ZooKeeper or, with
	 * {@code --zookeeper=both}, two: the ensemble's ratios under {@link HeadlineRatio#ensembleKey()}
	 * beside the single server's, its subjects under {@code ensemble_subjects}.
	 * @param command the command line that produced it
	 * @param options the parsed options
	 * @param date when the run started, ISO-8601
	 * @param runs the results against each ZooKeeper, in run order
	 * @return the document
	 */
	public static String composeRuns(String command, BenchmarkOptions options, String date, List<TargetRun> runs) {
		List<SubjectResult> all = runs.stream().flatMap((run) -> run.results().stream()).toList();
		ObjectNode root = MAPPER.createObjectNode();
		ObjectNode run = root.putObject("run");
		run.put("mode", options.mode());
		run.put("rounds", options.plan().rounds());
		run.put("date", date);
		run.put("command", command);
		run.put("exit_code", BenchmarkMain.exitCode(all));
		ObjectNode ratios = root.putObject("ratios");
		for (TargetRun target : runs) {
			for (HeadlineRatio headline : HeadlineRatio.ALL) {
				put(ratios, target.keyOf(headline), headline.in(target.results()));
			}
		}
		for (TargetRun target : runs) {
			subjects(root.putObject(target.ensemble() ? "ensemble_subjects" : "subjects"), target.results());
		}
		return MAPPER.writeValueAsString(root) + "\n";
	}

	private static void subjects(ObjectNode subjects, List<SubjectResult> results) {
		for (SubjectResult result : results) {
			ObjectNode subject = subjects.putObject(result.subject());
			subject.put("table", result.table().title());
			subject.put("baseline", result.table().baseline());
			if (!result.succeeded()) {
				subject.put("failure", result.failure());
				continue;
			}
			subject.put("ops_per_second", Math.round(result.opsPerSecond() * 10) / 10.0);
			subject.put("p50_ms", result.p50Nanos() / 1e6);
			subject.put("p99_ms", result.p99Nanos() / 1e6);
			SubjectResult baseline = HeadlineRatio.find(results, result.table().baseline()).orElse(null);
			put(subject, "ops_vs_baseline", HeadlineRatio.ratio(HeadlineRatio.Figure.OPS_PER_SECOND, result, baseline));
			put(subject, "p50_vs_baseline", HeadlineRatio.ratio(HeadlineRatio.Figure.P50, result, baseline));
			put(subject, "p99_vs_baseline", HeadlineRatio.ratio(HeadlineRatio.Figure.P99, result, baseline));
			ObjectNode correctness = subject.putObject("correctness");
			result.correctness().forEach(correctness::put);
		}
	}

	private static void put(ObjectNode node, String key, @Nullable Double value) {
		if (value != null) {
			node.put(key, value);
		}
		else {
			node.putNull(key);
		}
	}

	/**
	 * Write the document as {@code latest.json}.
	 * @param directory the results directory, created if missing
	 * @param json the document
	 * @return the file written
	 * @throws IOException when the directory is not writable
	 */
	public static Path write(Path directory, String json) throws IOException {
		Files.createDirectories(directory);
		Path file = directory.resolve("latest.json");
		Files.writeString(file, json);
		return file;
	}

}
