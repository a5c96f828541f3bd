package io.zkworkflow.benchmarks;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	@Test
	void ratiosDivideByTheTablesBaseline() {
		SubjectResult baseline = result("zk.sync-create-delete", BenchmarkTable.ZOOKEEPER, 1000, 1_000_000, 4_000_000,
				Map.of());
		SubjectResult mutex = result("curator.mutex", BenchmarkTable.LOCKS, 800, 1_250_000, 2_000_000,
				Map.of("overlaps", 0L));
		String tables = new MarkdownReport(List.of(baseline, mutex)).tables();
		assertThat(tables).contains("### Locks: uncontended lock+unlock, one thread")
			.contains("Baseline: `zk.sync-create-delete`")
			.contains("| `curator.mutex` | op | 800 | 1.250 | 2.000 | 0.80x | 1.25x | 0.50x | overlaps=0 | note |")
			.contains("| `zk.sync-create-delete` (baseline) | op | 1,000 | 1.000 | 4.000 | 1.00x | 1.00x | 1.00x | – | note |");
	}

	@Test
	void baselineFromAnotherTableIsShownAsReferenceRow() {
		SubjectResult baseline = result("zk.sync-create-delete", BenchmarkTable.ZOOKEEPER, 1000, 1_000_000, 4_000_000,
				Map.of());
		SubjectResult mutex = result("curator.mutex", BenchmarkTable.LOCKS, 800, 1_000_000, 2_000_000, Map.of());
		String locks = new MarkdownReport(List.of(baseline, mutex)).tables().split("### Locks")[1];
		assertThat(locks).contains("`zk.sync-create-delete` (baseline, from \"Raw ZooKeeper operations\")");
		assertThat(locks.indexOf("zk.sync-create-delete")).isLessThan(locks.indexOf("curator.mutex"));
	}

	@Test
	void missingBaselineLeavesRatiosEmpty() {
		SubjectResult mutex = result("curator.mutex", BenchmarkTable.LOCKS, 800, 1_000_000, 2_000_000, Map.of());
		String tables = new MarkdownReport(List.of(mutex)).tables();
		assertThat(tables).contains("(not measured in this run, so no ratios)").contains("| 800 | 1.000 | 2.000 | – | – | – |");
	}

	@Test
	void nonZeroCorrectnessCounterIsBoldWarnedAndFailsTheRun() {
		SubjectResult broken = result("curator.mutex-contended", BenchmarkTable.CONTENDED_LOCKS, 500, 1_000_000,
				2_000_000, Map.of("overlaps", 3L));
		MarkdownReport report = new MarkdownReport(List.of(broken));
		assertThat(report.tables()).contains("**overlaps=3**");
		assertThat(report.warnings())
			.containsExactly("**WARN: `curator.mutex-contended` LOST CORRECTNESS: overlaps=3 (each must be 0)**");
		assertThat(BenchmarkMain.exitCode(List.of(broken))).isEqualTo(BenchmarkMain.EXIT_CORRECTNESS_LOST);
	}

	@Test
	void failedSubjectIsReportedAndFailsTheRun() {
		SubjectResult failed = new SubjectResult("curator.cache-listener", "op", BenchmarkTable.PROPAGATION, 0, 0, 0, 0,
				0, Map.of(), "", "timed out | badly");
		MarkdownReport report = new MarkdownReport(List.of(failed));
		assertThat(report.tables()).contains("| **FAILED** | – | – | – | – | – | – | timed out \\| badly |");
		assertThat(report.warnings()).singleElement().asString().contains("FAILED: timed out");
		assertThat(BenchmarkMain.exitCode(List.of(failed))).isEqualTo(BenchmarkMain.EXIT_SUBJECT_FAILED);
	}

	@Test
	void figuresUseAPrecisionThatSuitsTheirSize() {
		assertThat(Figures.throughput(12_345.6)).isEqualTo("12,346");
		assertThat(Figures.throughput(48.66)).isEqualTo("48.7");
		assertThat(Figures.millis(412_000)).isEqualTo("0.412");
		assertThat(Figures.millis(31_400_000)).isEqualTo("31.40");
		assertThat(Figures.millis(1_234_500_000)).isEqualTo("1,234.5");
		assertThat(Figures.ratio(850, 1000.0)).isEqualTo("0.85x");
		assertThat(Figures.ratio(850, null)).isEqualTo(Figures.NONE);
	}

	private static SubjectResult result(String name, BenchmarkTable table, double opsPerSecond, long p50, long p99,
			Map<String, Long> correctness) {
		return new SubjectResult(name, "op", table, 100, opsPerSecond, p50, p99, p99, correctness, "note", null);
	}

}
