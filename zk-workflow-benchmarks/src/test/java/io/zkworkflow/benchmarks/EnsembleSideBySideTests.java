package io.zkworkflow.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --zookeeper=both}: the headline ratios of the single server and of the ensemble side by
 * side in the report, and under two keys each in {@code latest.json}, the single server's being
 * the keys a run against one ZooKeeper writes.
 */
class EnsembleSideBySideTests {

	@TempDir
	Path results;

	private final TargetRun single = new TargetRun("single server", false, "one server",
			List.of(result("curator.queue-saturated", 800), result("zkworkflow.tasks-saturated", 4000)));

	private final TargetRun ensemble = new TargetRun("ensemble", true, "three processes",
			List.of(result("curator.queue-saturated", 500), result("zkworkflow.tasks-saturated", 1000)));

	@Test
	void ensembleKeyPutsEnsembleBeforeTheLastPart() {
		HeadlineRatio saturated = HeadlineRatio.ALL.stream()
			.filter((headline) -> headline.key().equals("tasks.saturated.vs_distributed_queue"))
			.findFirst()
			.orElseThrow();
		assertThat(saturated.ensembleKey()).isEqualTo("tasks.saturated.ensemble.vs_distributed_queue");
	}

	@Test
	void latestJsonHasBothKeysOfEveryHeadline() throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "--zookeeper=both" }, this.results);
		String json = ResultsJson.composeRuns("java -jar benchmarks.jar --zookeeper=both", options,
				"2026-12-07T12:00:00Z", List.of(this.single, this.ensemble));
		JsonNode root = JsonMapper.builder().build().readTree(json);
		JsonNode ratios = root.get("ratios");
		assertThat(ratios.get("tasks.saturated.vs_distributed_queue").asDouble()).isEqualTo(5.0);
		assertThat(ratios.get("tasks.saturated.ensemble.vs_distributed_queue").asDouble()).isEqualTo(2.0);
		assertThat(ratios.propertyNames()).hasSize(HeadlineRatio.ALL.size() * 2);
		assertThat(root.get("subjects").get("zkworkflow.tasks-saturated").get("ops_per_second").asDouble())
			.isEqualTo(4000);
		assertThat(root.get("ensemble_subjects").get("zkworkflow.tasks-saturated").get("ops_per_second").asDouble())
			.isEqualTo(1000);
	}

	@Test
	void reportShowsTheHeadlinesSideBySideThenEachTargetsTables() {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "--zookeeper=both" }, this.results);
		String markdown = ResultsFile.composeRuns("java -jar benchmarks.jar --zookeeper=both", options,
				MachineDescription.collect(this.results, "0.00 0.00 0.00"), List.of(this.single, this.ensemble));
		assertThat(markdown).contains("- ZooKeeper (single server): one server")
			.contains("- ZooKeeper (ensemble): three processes")
			.contains("| Ratio (`latest.json` key) | Figure | single server | ensemble |")
			.contains("| `tasks.saturated.vs_distributed_queue` | `zkworkflow.tasks-saturated` ops/s | 5.000x | 2.000x |")
			.doesNotContain("`locks.annotation.vs_raw_create_delete`");
		assertThat(markdown.indexOf("## Against the single server"))
			.isLessThan(markdown.indexOf("## Against the ensemble"));
	}

	private static SubjectResult result(String name, double ops) {
		return new SubjectResult(name, "op", BenchmarkTable.QUEUE_THROUGHPUT, (long) ops, ops, 1_000_000, 2_000_000,
				2_000_000, Map.of("missing", 0L), "note", null);
	}

}
