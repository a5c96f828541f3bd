package io.zkworkflow.benchmarks.capability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zkworkflow.benchmarks.BenchmarkRunner;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.benchmarks.ZooKeeperTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflow subjects against an in-process ZooKeeper, on a fleet of three instances: every
 * workflow completes exactly once, the load is sized in step tasks like the task baseline's,
 * and the note counts ZooKeeper transactions per step.
 */
class WorkflowSaturatedSubjectTests {

	@TempDir
	Path dataDir;

	@Test
	void fourStepWorkflowsCompleteOnceEachAndCountWritesPerStep() throws Exception {
		SubjectResult result = run(WorkflowSaturatedSubject.fourStep(),
				Map.of("queue-items", "400", "task-in-flight", "32", "jit-warmup-max", "1"));
		assertThat(result.failure()).isNull();
		assertThat(result.table()).isEqualTo(BenchmarkTable.WORKFLOWS);
		assertThat(result.operations()).isEqualTo(100);
		assertThat(result.correctness()).containsOnly(Map.entry("missing", 0L), Map.entry("duplicates", 0L),
				Map.entry("failed", 0L));
		assertThat(result.note()).startsWith("100 workflows x 4 tasks").contains("step commits/s")
			.contains("up to 32 workflows in flight")
			.containsPattern("\\d+\\.\\d ZooKeeper transactions per step");
		assertThat(transactionsPerStep(result)).isPositive();
	}

	@Test
	void fanOutWorkflowsRunEveryElementAndBoundWorkflowsInFlightByTheirParallelism() throws Exception {
		SubjectResult result = run(WorkflowSaturatedSubject.fanOut100(),
				Map.of("queue-items", "606", "task-in-flight", "32", "jit-warmup-max", "1"));
		assertThat(result.failure()).isNull();
		assertThat(result.operations()).isEqualTo(6);
		assertThat(result.correctness()).containsOnly(Map.entry("missing", 0L), Map.entry("duplicates", 0L),
				Map.entry("failed", 0L));
		assertThat(result.note()).startsWith("6 workflows x 101 tasks").contains("elements/s")
			.contains("up to 2 workflows in flight");
		assertThat(transactionsPerStep(result)).isPositive();
	}

	private static double transactionsPerStep(SubjectResult result) {
		String note = result.note();
		String figure = note.substring(0, note.indexOf(" ZooKeeper transactions per step"));
		return Double.parseDouble(figure.substring(figure.lastIndexOf(' ') + 1));
	}

	private SubjectResult run(WorkflowSaturatedSubject subject, Map<String, String> options) throws Exception {
		try (ZooKeeperTarget zookeeper = ZooKeeperTarget.start("standalone", this.dataDir)) {
			BenchmarkRunner runner = new BenchmarkRunner(zookeeper.connectString(), new SubjectOptions(options, true),
					System.out);
			List<SubjectResult> results = runner.run(List.of(subject), new RunPlan(Duration.ZERO, Duration.ofSeconds(1)));
			return results.get(0);
		}
	}

}
