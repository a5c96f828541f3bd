package io.zkworkflow.history;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.history.internal.HistoryWriter;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.StringNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the history sink promises on any database: three instances, each its own ZooKeeper
 * session, share one database; every ending of tasks and workflows that any of them commits
 * is a row exactly once, and a repeated insert from another instance is ignored. A subclass
 * names the database ({@link #databaseProperties()}), so the same checks run on H2 and on
 * PostgreSQL.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class HistorySinkContract {

	/** How many instances share the database. */
	static final int RECORDING = 3;

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	ZkInstances instances;

	/**
	 * Return the properties that point the instances at the shared database: at least
	 * {@code history-test.url}.
	 * @return {@code name=value} pairs
	 */
	abstract List<String> databaseProperties();

	@BeforeAll
	void startInstances() {
		this.instances = HistoryApps.on(zookeeper);
		String[] properties = databaseProperties().toArray(String[]::new);
		for (int i = 0; i < RECORDING; i++) {
			this.instances.start(HistoryApps.Recorded.class, properties);
		}
	}

	@AfterAll
	void stopInstances() {
		if (this.instances != null) {
			this.instances.close();
		}
		afterInstancesStopped();
	}

	/**
	 * Called once every instance has stopped: a subclass removes its database here.
	 */
	void afterInstancesStopped() {
	}

	@Test
	void everyEndingOfAnyInstanceIsOneRow() {
		TaskClient tasks = this.instances.get(0).getBean(TaskClient.class);
		WorkflowClient workflows = this.instances.get(1).getBean(WorkflowClient.class);
		Instant before = Instant.now().minusSeconds(1);
		Set<TaskId> echoes = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			echoes.add(tasks.submit("history-echo", "e-" + i));
		}
		TaskId doomed = tasks.submit("history-doomed", "d-1");
		List<WorkflowId> pairs = List.of(workflows.start("history-pair", Map.of("order", "o-1")),
				workflows.start("history-pair", Map.of("order", "o-2")));
		WorkflowId broken = workflows.start("history-broken", Map.of("order", "o-3"));
		TaskHistory taskHistory = this.instances.get(2).getBean(TaskHistory.class);
		WorkflowHistory workflowHistory = this.instances.get(2).getBean(WorkflowHistory.class);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(ids(taskHistory.search(HistoryQuery.all().named("history-echo").page(0, 100))))
				.isEqualTo(echoes);
			assertThat(taskHistory.find(doomed)).isPresent();
			assertThat(workflowHistory.search(HistoryQuery.all().page(0, 100))).hasSize(3);
			assertThat(writes("written")).isEqualTo(20 + 1 + 4 + 1 + 3);
		});
		FinishedTask echo = taskHistory.search(HistoryQuery.all().named("history-echo").page(0, 1)).get(0);
		assertThat(echo.state()).isEqualTo(TaskState.SUCCEEDED);
		assertThat(echo.output().asString()).startsWith("e-");
		assertThat(echo.finishedAt()).isAfter(before);
		assertThat(echo.duration()).isNotNull();
		FinishedTask dead = taskHistory.find(doomed).orElseThrow();
		assertThat(dead.state()).isEqualTo(TaskState.DEAD);
		assertThat(dead.error()).contains("cannot process d-1");
		assertThat(taskHistory.search(HistoryQuery.all().inState(TaskState.DEAD))).extracting(FinishedTask::id)
			.contains(doomed);
		FinishedWorkflow pair = workflowHistory.find(pairs.get(0)).orElseThrow();
		assertThat(pair.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(pair.definition()).isEqualTo("history-pair");
		assertThat(pair.outputs().get("history-second").asString()).isEqualTo("shipped-o-1");
		assertThat(pair.startedAt()).isBeforeOrEqualTo(pair.finishedAt());
		FinishedWorkflow failed = workflowHistory.find(broken).orElseThrow();
		assertThat(failed.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(failed.failedStep()).isEqualTo("history-fails");
		assertThat(workflowHistory.search(HistoryQuery.all().inState(WorkflowState.COMPLETED).named("history-pair")))
			.extracting(FinishedWorkflow::id)
			.containsExactlyInAnyOrderElementsOf(pairs);
		// exactly once: every ending was offered once in all, so no insert was a duplicate
		assertThat(writes("duplicate")).isZero();
		assertThat(writes("failed") + writes("dropped")).isZero();
		assertThat(rows("SELECT COUNT(*) FROM ZKW_TASK_HISTORY WHERE TASK_NAME <> 'history-replayed'"))
			.isEqualTo(20 + 1 + 4 + 1);
		assertThat(rows("SELECT COUNT(DISTINCT TASK_ID) FROM ZKW_TASK_HISTORY"))
			.isEqualTo(rows("SELECT COUNT(*) FROM ZKW_TASK_HISTORY"));
		assertThat(rows("SELECT COUNT(*) FROM ZKW_WORKFLOW_HISTORY")).isEqualTo(3);
		// the rows read back through every instance alike
		for (int i = 0; i < RECORDING; i++) {
			assertThat(this.instances.get(i).getBean(TaskHistory.class).find(doomed)).contains(dead);
		}
	}

	@Test
	void aRepeatedInsertFromAnotherInstanceIsIgnored() {
		TaskId id = new TaskId("history-replayed", "r-" + UUID.randomUUID());
		FinishedTask ending = new FinishedTask(id, TaskState.SUCCEEDED, 1, StringNode.valueOf("ok"), null,
				Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis(5));
		assertThat(this.instances.get(0).getBean(HistoryWriter.class).insert(ending)).isTrue();
		assertThat(this.instances.get(1).getBean(HistoryWriter.class).insert(ending)).isFalse();
		assertThat(this.instances.get(2).getBean(HistoryWriter.class).insert(ending)).isFalse();
		assertThat(this.instances.get(1).getBean(TaskHistory.class).find(id)).contains(ending);
		assertThat(this.instances.get(2)
			.getBean(TaskHistory.class)
			.search(HistoryQuery.all().named("history-replayed").between(ending.finishedAt(), null))).hasSize(1);
	}

	static Set<TaskId> ids(List<FinishedTask> rows) {
		Set<TaskId> ids = new HashSet<>();
		rows.forEach((row) -> ids.add(row.id()));
		return ids;
	}

	/** Rows offered by the recording instances, all kinds, with this outcome. */
	double writes(String outcome) {
		double total = 0;
		for (int i = 0; i < RECORDING; i++) {
			MeterRegistry registry = this.instances.get(i).getBean(MeterRegistry.class);
			total += count(registry, "task", outcome) + count(registry, "workflow", outcome);
		}
		return total;
	}

	static double count(MeterRegistry registry, String kind, String outcome) {
		Counter counter = registry.find("zk.workflow.history.writes").tag("kind", kind).tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	int rows(String countQuery) {
		DataSource dataSource = this.instances.get(0).getBean(DataSource.class);
		return JdbcClient.create(dataSource).sql(countQuery).query(Integer.class).single();
	}

}
