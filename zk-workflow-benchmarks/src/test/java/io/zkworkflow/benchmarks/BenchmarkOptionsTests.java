package io.zkworkflow.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchmarkOptionsTests {

	private static final Path RESULTS = Path.of("results");

	@Test
	void shortModeIsTheDefault() {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[0], RESULTS);
		assertThat(options.mode()).isEqualTo("short");
		assertThat(options.plan()).isEqualTo(new RunPlan(Duration.ofSeconds(2), Duration.ofSeconds(6)));
		assertThat(options.zookeeper()).isEqualTo("standalone");
	}

	@Test
	void explicitWarmupAndWindowOverrideTheMode() {
		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "--mode=full", "--window=45s" }, RESULTS);
		assertThat(options.plan()).isEqualTo(new RunPlan(Duration.ofSeconds(10), Duration.ofSeconds(45)));
	}

	@Test
	void zookeeperIsANamedTargetOrAConnectString() {
		for (String good : List.of("standalone", "ensemble", "processes", "both", "zk1:2181,zk2:2181")) {
			assertThat(BenchmarkOptions.parse(new String[] { "--zookeeper=" + good }, RESULTS).zookeeper()).isEqualTo(good);
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "--zookeeper=quorum" }, RESULTS))
			.withMessage("--zookeeper=quorum is neither 'standalone', 'ensemble', 'processes', 'both' nor a connect "
					+ "string such as 'zk1:2181,zk2:2181,zk3:2181'");
	}

	@Test
	void roundsRepeatTheSelectionAndMustBePositive() {
		assertThat(BenchmarkOptions.parse(new String[] { "--rounds=3" }, RESULTS).plan().rounds()).isEqualTo(3);
		assertThat(BenchmarkOptions.parse(new String[] { "--rounds=3" }, RESULTS).subjectOptions().unread()).isEmpty();
		for (String bad : List.of("0", "-1", "two")) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> BenchmarkOptions.parse(new String[] { "--rounds=" + bad }, RESULTS))
				.withMessage("--rounds=" + bad + " is not a positive whole number; write e.g. --rounds=3");
		}
	}

	@Test
	void badDurationNamesTheOptionAndTheFix() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchmarkOptions.parse(new String[] { "--warmup=soon" }, RESULTS))
			.withMessage("--warmup=soon is not a duration; write e.g. --warmup=10s or 500ms");
	}

	@Test
	void otherOptionsGoToSubjectsAndUnreadOnesAreReported() {
		SubjectOptions options = BenchmarkOptions.parse(new String[] { "--queue-items=500", "--queue-itmes=9" }, RESULTS)
			.subjectOptions();
		assertThat(options.positiveInt("queue-items", 20_000)).isEqualTo(500);
		assertThat(options.unread()).containsExactly("queue-itmes");
	}

	@Test
	void badSubjectOptionNamesTheOptionAndTheFix() {
		SubjectOptions options = BenchmarkOptions.parse(new String[] { "--queue-items=many" }, RESULTS).subjectOptions();
		assertThatIllegalArgumentException().isThrownBy(() -> options.positiveInt("queue-items", 20_000))
			.withMessage("--queue-items=many is not a positive integer; use e.g. --queue-items=20000");
	}

	@Test
	void subjectFilterAddsTheBaselinesOfTheSelectedTables() {
		List<String> names = BenchmarkCatalog.select(BenchmarkCatalog.all(), List.of("shedlock"))
			.stream()
			.map(BenchmarkSubject::name)
			.toList();
		assertThat(names).containsExactly("zk.sync-create-delete", "shedlock.lock-unlock");
	}

	@Test
	void subjectFilterThatMatchesNothingListsTheNames() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchmarkCatalog.select(BenchmarkCatalog.all(), List.of("redisson")))
			.withMessageStartingWith("--subjects: 'redisson' matches no subject; known subjects: zk.sync-create-delete");
	}

}
