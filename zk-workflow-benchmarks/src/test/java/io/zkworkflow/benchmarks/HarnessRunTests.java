package io.zkworkflow.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zkworkflow.benchmarks.baseline.CuratorMutexContendedSubject;
import io.zkworkflow.benchmarks.baseline.ZkSyncCreateDeleteSubject;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs real subjects for about a second each against an in-process ZooKeeper. */
class HarnessRunTests {

	@TempDir
	Path dataDir;

	@Test
	void measuresBaselineAndLockSubjectAgainstOneServer() throws Exception {
		try (ZooKeeperTarget zookeeper = ZooKeeperTarget.start("standalone", this.dataDir)) {
			assertThat(zookeeper.description()).contains("fsync on");
			BenchmarkRunner runner = new BenchmarkRunner(zookeeper.connectString(), new SubjectOptions(Map.of(), true),
					System.out);
			List<SubjectResult> results = runner.run(
					List.of(new ZkSyncCreateDeleteSubject(), new CuratorMutexContendedSubject()),
					new RunPlan(Duration.ofMillis(200), Duration.ofSeconds(1)));
			assertThat(results).allSatisfy((result) -> {
				assertThat(result.failure()).isNull();
				assertThat(result.operations()).isPositive();
				assertThat(result.opsPerSecond()).isPositive();
				assertThat(result.p99Nanos()).isGreaterThanOrEqualTo(result.p50Nanos()).isPositive();
			});
			assertThat(results.get(1).correctness()).containsExactly(Map.entry("overlaps", 0L));
			assertThat(BenchmarkMain.exitCode(results)).isEqualTo(BenchmarkMain.EXIT_OK);
		}
	}

	@Test
	void subjectThatThrowsIsReportedAsFailedAndTheRunGoesOn() throws Exception {
		BenchmarkSubject broken = new ClosedLoopSubject() {

			@Override
			public String name() {
				return "broken";
			}

			@Override
			public String measurement() {
				return "throws";
			}

			@Override
			public BenchmarkTable table() {
				return BenchmarkTable.ZOOKEEPER;
			}

			@Override
			public void setup(BenchmarkContext context) {
			}

			@Override
			protected void operation(Worker worker) {
				throw new IllegalStateException("boom");
			}

		};
		try (ZooKeeperTarget zookeeper = ZooKeeperTarget.start("standalone", this.dataDir)) {
			List<SubjectResult> results = new BenchmarkRunner(zookeeper.connectString(), new SubjectOptions(Map.of(), true),
					System.out)
				.run(List.of(broken, new ZkSyncCreateDeleteSubject()), new RunPlan(Duration.ZERO, Duration.ofMillis(500)));
			assertThat(results.get(0).failure()).contains("boom");
			assertThat(results.get(1).succeeded()).isTrue();
			assertThat(BenchmarkMain.exitCode(results)).isEqualTo(BenchmarkMain.EXIT_SUBJECT_FAILED);
		}
	}

	@Test
	void unknownZooKeeperSpecNamesTheChoices() {
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> ZooKeeperTarget.start("localhost", this.dataDir))
			.withMessageContaining("neither 'standalone', 'ensemble' nor a connect string");
	}

}
