package io.zkworkflow.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zkworkflow.benchmarks.baseline.ZkWriteCeilingSubject;
import io.zkworkflow.benchmarks.capability.ConfigWritesSubject;
import io.zkworkflow.benchmarks.capability.TaskWritesSubject;
import io.zkworkflow.benchmarks.lock.LockWritesSubject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Runs the ceiling and one subject of each kind of the writes table briefly against a real server. */
class WritesSubjectsRunTests {

	private static final Pattern PER_OPERATION = Pattern.compile("([0-9.]+) transactions per op;");

	@TempDir
	Path dataDir;

	@Test
	void countsTheTransactionsOfALockCycleATaskAndAConfigChange() throws Exception {
		try (ZooKeeperTarget zookeeper = ZooKeeperTarget.start("standalone", this.dataDir)) {
			BenchmarkRunner runner = new BenchmarkRunner(zookeeper.connectString(), new SubjectOptions(Map.of(), true),
					System.out);
			List<SubjectResult> results = runner.run(
					List.of(new ZkWriteCeilingSubject(), LockWritesSubject.uncontended(), TaskWritesSubject.all().get(0),
							ConfigWritesSubject.oneKey()),
					new RunPlan(Duration.ofMillis(200), Duration.ofSeconds(1)));
			assertThat(results).allSatisfy((result) -> {
				assertThat(result.failure()).isNull();
				assertThat(result.operations()).isPositive();
				assertThat(result.violations()).isEmpty();
			});
			assertThat(WriteBudget.lastCeiling()).isPositive();
			// a lock cycle: create of the request, delete
			assertThat(perOperation(results.get(1))).isCloseTo(2.0, within(0.1));
			// submit, claim and completion, the first and last grouped with others when concurrent
			assertThat(perOperation(results.get(2))).isBetween(1.0, 3.2);
			assertThat(results.get(2).correctness()).containsOnlyKeys("missing", "duplicates");
			// one setData; the instances applying it write nothing
			assertThat(perOperation(results.get(3))).isCloseTo(1.0, within(0.1));
		}
	}

	private static double perOperation(SubjectResult result) {
		Matcher matcher = PER_OPERATION.matcher(result.note());
		assertThat(matcher.find()).as("transactions per op in: %s", result.note()).isTrue();
		return Double.parseDouble(matcher.group(1).toLowerCase(Locale.ROOT));
	}

}
