package io.zkworkflow.benchmarks.capability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zkworkflow.benchmarks.BenchmarkRunner;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.benchmarks.ZooKeeperTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The saturated task subject with asynchronous submits against an in-process ZooKeeper: its
 * options reach the fleet and its ledger finds every task committed exactly once.
 */
class TaskSaturatedSubjectTests {

	@TempDir
	Path dataDir;

	@Test
	void submitsAsynchronouslyAndCommitsEveryTaskOnce() throws Exception {
		SubjectResult result = run(Map.of("queue-items", "1500", "task-in-flight", "64", "task-worker-threads", "16"));
		assertThat(result.failure()).isNull();
		assertThat(result.operations()).isEqualTo(1500);
		assertThat(result.correctness()).containsOnly(Map.entry("missing", 0L), Map.entry("duplicates", 0L));
		assertThat(result.note()).contains("up to 64 submits in flight").contains("3 worker instances x 16 threads")
			// warm-up batches of the measured size until the JIT settles: how many depends on the machine
			.containsPattern("\\d{1,3}(,\\d{3})*,500 handler runs|\\d{1,3}(,\\d{3})*,000 handler runs")
			.containsPattern("\\d+\\.\\d ZooKeeper transactions per task");
	}

	@Test
	void limitSubjectsRunTheSameLoadUnderALimitThatNeverBinds() throws Exception {
		Map<String, String> options = Map.of("queue-items", "1000", "task-in-flight", "64", "task-worker-threads", "16");
		for (TaskSaturatedSubject subject : List.of(TaskSaturatedSubject.concurrencyLimitAboveLoad(),
				TaskSaturatedSubject.rateLimitAboveLoad())) {
			SubjectResult result = run(subject, options);
			assertThat(result.failure()).isNull();
			assertThat(result.operations()).isEqualTo(1000);
			assertThat(result.correctness()).containsOnly(Map.entry("missing", 0L), Map.entry("duplicates", 0L));
			assertThat(result.note()).startsWith("limits.bench-noop.");
		}
	}

	@Test
	void unsupportedWorkerThreadCountNamesTheChoices() throws Exception {
		SubjectResult result = run(Map.of("queue-items", "1500", "task-worker-threads", "12"));
		assertThat(result.failure()).contains("--task-worker-threads=12 is not supported")
			.contains("8, 16, 32, 64, 128");
	}

	private SubjectResult run(Map<String, String> options) throws Exception {
		return run(new TaskSaturatedSubject(), options);
	}

	private SubjectResult run(TaskSaturatedSubject subject, Map<String, String> options) throws Exception {
		try (ZooKeeperTarget zookeeper = ZooKeeperTarget.start("standalone", this.dataDir)) {
			BenchmarkRunner runner = new BenchmarkRunner(zookeeper.connectString(), new SubjectOptions(options, true),
					System.out);
			List<SubjectResult> results = runner.run(List.of(subject),
					new RunPlan(Duration.ZERO, Duration.ofSeconds(1)));
			return results.get(0);
		}
	}

}
