package io.zkworkflow.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code latest.json}: one key per headline ratio, the ratio as the report computes it, and
 * {@code null} for a headline whose subject or baseline was not measured.
 */
class ResultsJsonTests {

	@TempDir
	Path results;

	@Test
	void writesOneKeyPerHeadlineRatioBesideLatestMarkdown() throws Exception {
		List<SubjectResult> run = List.of(
				result("curator.queue-saturated", BenchmarkTable.QUEUE_THROUGHPUT, 800, 4_000_000, 8_000_000),
				result("zkworkflow.tasks-saturated", BenchmarkTable.QUEUE_THROUGHPUT, 4000, 1_000_000, 2_000_000),
				result("zkworkflow.tasks-rate-limit-on", BenchmarkTable.TASK_LIMITS, 3400, 1_000_000, 3_000_000),
				failed("zkworkflow.tasks-concurrency-limit-on", BenchmarkTable.TASK_LIMITS),
				result("zkworkflow.workflows-four-step", BenchmarkTable.WORKFLOWS, 500, 8_000_000, 16_000_000),
				result("zkworkflow.workflows-fan-out-100", BenchmarkTable.WORKFLOWS, 20, 90_000_000, 99_000_000));
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "--mode=short", "--results=" + this.results },
				this.results);
		String json = ResultsJson.compose("java -jar benchmarks.jar --mode=short", options, "2026-12-07T12:00:00Z", run);
		Path written = ResultsJson.write(this.results, json);
		ResultsFile.write(this.results, "short", "# report\n");

		assertThat(written).isEqualTo(this.results.resolve("latest.json"));
		assertThat(this.results.resolve("latest.md")).hasContent("# report");
		JsonNode root = JsonMapper.builder().build().readTree(Files.readString(written));
		JsonNode ratios = root.get("ratios");
		assertThat(ratios.propertyNames()).containsExactlyElementsOf(
				HeadlineRatio.ALL.stream().map(HeadlineRatio::key).toList());
		assertThat(ratios.get("tasks.saturated.vs_distributed_queue").asDouble()).isEqualTo(5.0);
		assertThat(ratios.get("tasks.rate_limit.vs_no_limit").asDouble()).isEqualTo(0.85);
		// workflows per second divided by the saturated tasks per second of the same run
		assertThat(ratios.get("workflows.four_step.vs_tasks").asDouble()).isEqualTo(0.125);
		assertThat(ratios.get("workflows.fan_out_100.vs_tasks").asDouble()).isEqualTo(0.005);
		// failed, or not in the run: the key is there, with null
		assertThat(ratios.get("tasks.concurrency_limit.vs_no_limit").isNull()).isTrue();
		assertThat(ratios.get("locks.annotation.vs_raw_create_delete").isNull()).isTrue();
		assertThat(root.get("run").get("mode").asString()).isEqualTo("short");
		assertThat(root.get("run").get("exit_code").asInt()).isEqualTo(BenchmarkMain.EXIT_SUBJECT_FAILED);
		JsonNode rated = root.get("subjects").get("zkworkflow.tasks-rate-limit-on");
		assertThat(rated.get("baseline").asString()).isEqualTo("zkworkflow.tasks-saturated");
		assertThat(rated.get("p99_vs_baseline").asDouble()).isEqualTo(1.5);
		assertThat(rated.get("correctness").get("missing").asLong()).isZero();
		assertThat(root.get("subjects").get("zkworkflow.tasks-concurrency-limit-on").get("failure").asString())
			.isEqualTo("boom");
	}

	private static SubjectResult result(String name, BenchmarkTable table, double ops, long p50, long p99) {
		return new SubjectResult(name, "op", table, (long) ops, ops, p50, p99, p99, Map.of("missing", 0L), "note", null);
	}

	private static SubjectResult failed(String name, BenchmarkTable table) {
		return new SubjectResult(name, "op", table, 0, 0, 0, 0, 0, Map.of(), "", "boom");
	}

}
