package io.zkworkflow.autoconfigure.history;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.zkworkflow.history.FinishedTask;
import io.zkworkflow.history.HistoryQuery;
import io.zkworkflow.history.TaskHistory;
import io.zkworkflow.history.WorkflowHistory;
import io.zkworkflow.history.internal.HistoryRecorder;
import io.zkworkflow.history.internal.HistoryWriter;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the history sink is configured, and how it backs off: no DataSource, property off,
 * spring-jdbc absent, the application's own beans; and when it creates its tables.
 */
class JdbcHistoryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JdbcHistoryAutoConfiguration.class));

	@Test
	void isOffUnlessEnabled() {
		this.runner.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HistoryRecorder.class)
				.doesNotHaveBean(TaskHistory.class)
				.doesNotHaveBean(JdbcHistoryProperties.class));
	}

	@Test
	void backsOffWithoutADataSource() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HistoryRecorder.class)
				.doesNotHaveBean(TaskHistory.class));
	}

	@Test
	void backsOffWhenTwoDataSourcesAndNoneIsPrimary() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.withBean("one", DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.withBean("two", DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HistoryRecorder.class));
	}

	@Test
	void backsOffWithoutSpringJdbc() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HistoryRecorder.class));
	}

	@Test
	void enabledWithADataSourceRecordsAndSearches() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.run((context) -> {
				assertThat(context).hasSingleBean(HistoryRecorder.class)
					.hasSingleBean(HistoryWriter.class)
					.hasSingleBean(TaskHistory.class)
					.hasSingleBean(WorkflowHistory.class);
				assertThat(context.getBean(TaskHistory.class).search(HistoryQuery.all())).isEmpty();
			});
	}

	@Test
	void runsAfterSpringBootsDataSourceAutoConfiguration() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JdbcHistoryAutoConfiguration.class, DataSourceAutoConfiguration.class))
			.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.run((context) -> {
				// no pool on this class path and no URL: Boot starts an embedded H2 with a unique name
				assertThat(context).hasSingleBean(DataSource.class).hasSingleBean(HistoryRecorder.class);
				assertThat(tables(context.getBean(DataSource.class))).isEqualTo(2);
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnHistory() {
		TaskHistory own = new TaskHistory() {

			@Override
			public Optional<FinishedTask> find(TaskId id) {
				return Optional.empty();
			}

			@Override
			public List<FinishedTask> search(HistoryQuery query) {
				return List.of();
			}

		};
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.withBean(TaskHistory.class, () -> own)
			.run((context) -> {
				assertThat(context).hasSingleBean(TaskHistory.class).hasSingleBean(HistoryRecorder.class);
				assertThat(context.getBean(TaskHistory.class)).isSameAs(own);
			});
	}

	@Test
	void neverLeavesTheSchemaToTheOperator() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true",
				"zk-workflow.history.jdbc.initialize-schema=never")
			.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.run((context) -> assertThat(tables(context.getBean(DataSource.class))).isZero());
	}

	@Test
	void embeddedCreatesTheTablesInAnInMemoryDatabase() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.run((context) -> assertThat(tables(context.getBean(DataSource.class))).isEqualTo(2));
	}

	@Test
	void embeddedLeavesADatabaseOnDiskAlone(@TempDir Path directory) {
		String file = directory.resolve("history").toString();
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true")
			.withBean(DataSource.class, () -> dataSource("jdbc:h2:" + file))
			.run((context) -> assertThat(tables(context.getBean(DataSource.class))).isZero());
	}

	/**
	 * H2's PostgreSQL mode parses the script and runs the SQL in every build; the real server runs
	 * it in PostgresqlHistorySinkTests (by hand) and PostgresqlContainerHistorySinkTests (Docker).
	 */
	@Test
	void thePostgresqlScriptRunsWhereThePlatformSaysSo() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true",
				"zk-workflow.history.jdbc.initialize-schema=always", "zk-workflow.history.jdbc.platform=postgresql")
			.withBean(DataSource.class, () -> dataSource(
					"jdbc:h2:mem:zkw-history-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1"))
			.run((context) -> {
				assertThat(tables(context.getBean(DataSource.class))).isEqualTo(2);
				TaskId id = new TaskId("pg-shaped", "u-1");
				FinishedTask ending = new FinishedTask(id, TaskState.DEAD, 3, null, "boom",
						Instant.parse("2026-03-01T10:00:00Z"), null);
				assertThat(context.getBean(HistoryWriter.class).insert(ending)).isTrue();
				assertThat(context.getBean(TaskHistory.class).search(HistoryQuery.all().inState(TaskState.DEAD)))
					.containsExactly(ending);
			});
	}

	@Test
	void anUnknownPlatformFailsStartupNamingTheFix() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true",
				"zk-workflow.history.jdbc.initialize-schema=always", "zk-workflow.history.jdbc.platform=oracle")
			.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("platform 'oracle'")
				.hasMessageContaining("zk-workflow.history.jdbc.initialize-schema=never"));
	}

	@Test
	void aQueueCapacityBelowOneFailsBinding() {
		this.runner.withPropertyValues("zk-workflow.history.jdbc.enabled=true",
				"zk-workflow.history.jdbc.queue-capacity=0")
			.withBean(DataSource.class, JdbcHistoryAutoConfigurationTests::embedded)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("zk-workflow.history.jdbc.queue-capacity"));
	}

	static DataSource embedded() {
		return dataSource("jdbc:h2:mem:zkw-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
	}

	static DataSource dataSource(String url) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(url);
		return dataSource;
	}

	private static int tables(DataSource dataSource) {
		return JdbcClient.create(dataSource)
			.sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'ZKW_%_HISTORY'")
			.query(Integer.class)
			.single();
	}

}
