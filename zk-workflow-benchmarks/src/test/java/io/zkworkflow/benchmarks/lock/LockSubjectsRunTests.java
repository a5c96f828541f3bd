package io.zkworkflow.benchmarks.lock;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zkworkflow.benchmarks.BenchmarkRunner;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.benchmarks.ZooKeeperTarget;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs every zk-workflow lock subject briefly against an in-process ZooKeeper. */
class LockSubjectsRunTests {

	@TempDir
	Path dataDir;

	@Test
	void everyLockSubjectMeasuresWithItsCorrectnessCountersAtZero() throws Exception {
		try (ZooKeeperTarget zookeeper = ZooKeeperTarget.start("standalone", this.dataDir)) {
			BenchmarkRunner runner = new BenchmarkRunner(zookeeper.connectString(),
					new SubjectOptions(Map.of("lock-loss-repetitions", "3"), true), System.out);
			List<SubjectResult> results = runner.run(
					List.of(new AnnotationLockSubject(), new TemplateLockSubject(), new DistinctKeysLockSubject(),
							new ContendedLockSubject(), new LockLossSubject(), new RawCreateDeleteThreadsSubject()),
					new RunPlan(Duration.ofMillis(200), Duration.ofSeconds(1)));
			assertThat(results).allSatisfy((result) -> {
				assertThat(result.failure()).isNull();
				assertThat(result.operations()).isPositive();
				assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(result.p50Nanos()).isPositive();
			});
			assertThat(results.get(0).correctness()).containsExactly(Map.entry("overlaps", 0L));
			assertThat(results.get(2).correctness()).containsExactly(Map.entry("overlaps", 0L));
			assertThat(results.get(3).correctness()).containsExactly(Map.entry("overlaps", 0L));
			assertThat(results.get(4).correctness()).containsExactly(Map.entry("unreported", 0L));
			assertThat(results.get(4).operations()).isEqualTo(3);
			assertThat(results).allSatisfy((result) -> assertThat(result.violations()).isEmpty());
		}
	}

}
