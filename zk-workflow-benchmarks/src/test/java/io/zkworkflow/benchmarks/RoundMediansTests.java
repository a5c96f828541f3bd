package io.zkworkflow.benchmarks;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoundMediansTests {

	private static SubjectResult result(double opsPerSecond, long p50, long p99, long overlaps) {
		return new SubjectResult("s", "m", BenchmarkTable.ZOOKEEPER, 100, opsPerSecond, p50, p99, p99 * 2,
				Map.of("overlaps", overlaps), "1 thread", null);
	}

	@Test
	void oneRoundIsReportedAsItIs() {
		List<SubjectResult> round = List.of(result(10, 1, 2, 0));
		assertThat(RoundMedians.combine(List.of(round))).isSameAs(round);
	}

	@Test
	void figuresAreMediansCountersAreSummedAndTheRoundsAreNamed() {
		SubjectResult combined = RoundMedians.combine(List.of(List.of(result(900, 10, 90, 0)),
				List.of(result(100, 30, 300, 1)), List.of(result(1000, 20, 100, 0))))
			.get(0);
		assertThat(combined.opsPerSecond()).isEqualTo(900);
		assertThat(combined.p50Nanos()).isEqualTo(20);
		assertThat(combined.p99Nanos()).isEqualTo(100);
		assertThat(combined.maxNanos()).isEqualTo(600);
		assertThat(combined.operations()).isEqualTo(300);
		assertThat(combined.violations()).containsEntry("overlaps", 1L);
		assertThat(combined.note()).isEqualTo("1 thread; median of 3 rounds (ops/s per round: 900 / 100 / 1,000)");
	}

	@Test
	void aFailureInAnyRoundFailsTheSubject() {
		SubjectResult failed = new SubjectResult("s", "m", BenchmarkTable.ZOOKEEPER, 0, 0, 0, 0, 0, Map.of(), "", "boom");
		SubjectResult combined = RoundMedians.combine(List.of(List.of(result(900, 10, 90, 0)), List.of(failed))).get(0);
		assertThat(combined.succeeded()).isFalse();
		assertThat(combined.failure()).isEqualTo("boom");
	}

}
