package io.zkworkflow.history.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.zkworkflow.history.FinishedTask;
import io.zkworkflow.history.FinishedWorkflow;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Inserts one row per finished task or workflow. The id is the primary key, so a second
 * insert of the same ending (another instance, a replay) is refused by the database and
 * reported as a duplicate instead of an error.
 */
public final class HistoryWriter {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public HistoryWriter(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Insert a task's ending.
	 * @param task the ending
	 * @return {@code false} when a row for the id was there already
	 */
	public boolean insert(FinishedTask task) {
		try {
			this.jdbc.sql(HistoryTables.INSERT_TASK)
				.param("id", task.id().toString())
				.param("name", task.id().name())
				.param("state", task.state().name())
				.param("attempts", task.attempts())
				.param("output", (task.output() != null) ? task.output().toString() : null)
				.param("error", task.error())
				.param("finishedAt", timestamp(task.finishedAt()))
				.param("durationMillis", (task.duration() != null) ? task.duration().toMillis() : null)
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Insert a workflow's ending.
	 * @param workflow the ending
	 * @return {@code false} when a row for the id was there already
	 */
	public boolean insert(FinishedWorkflow workflow) {
		try {
			this.jdbc.sql(HistoryTables.INSERT_WORKFLOW)
				.param("id", workflow.id().value())
				.param("definition", workflow.definition())
				.param("state", workflow.state().name())
				.param("outputs", this.json.writeValueAsString(workflow.outputs()))
				.param("failedStep", workflow.failedStep())
				.param("error", workflow.error())
				.param("startedAt", timestamp(workflow.startedAt()))
				.param("finishedAt", timestamp(workflow.finishedAt()))
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
