package io.zkworkflow.history.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.zkworkflow.history.FinishedTask;
import io.zkworkflow.history.HistoryQuery;
import io.zkworkflow.history.TaskHistory;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link TaskHistory} on the {@value HistoryTables#TASKS} table.
 */
public final class JdbcTaskHistory implements TaskHistory {

	private static final Set<String> FINISHED = new LinkedHashSet<>(
			List.of(TaskState.SUCCEEDED.name(), TaskState.DEAD.name()));

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public JdbcTaskHistory(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public Optional<FinishedTask> find(TaskId id) {
		return this.jdbc.sql(HistoryTables.SELECT_TASKS + " WHERE TASK_ID = :id")
			.param("id", id.toString())
			.query(this::row)
			.optional();
	}

	@Override
	public List<FinishedTask> search(HistoryQuery query) {
		return HistorySearch.statement(this.jdbc, HistoryTables.SELECT_TASKS, "TASK_NAME", "TASK_ID", query, FINISHED,
				"task")
			.query(this::row)
			.list();
	}

	private FinishedTask row(ResultSet rs, int rowNum) throws SQLException {
		String output = rs.getString("OUTPUT_JSON");
		long millis = rs.getLong("DURATION_MILLIS");
		Duration duration = rs.wasNull() ? null : Duration.ofMillis(millis);
		return new FinishedTask(TaskId.parse(rs.getString("TASK_ID")), TaskState.valueOf(rs.getString("STATE")),
				rs.getInt("ATTEMPTS"), (output != null) ? this.json.readTree(output) : null,
				rs.getString("ERROR_MESSAGE"), rs.getObject("FINISHED_AT", OffsetDateTime.class).toInstant(),
				duration);
	}

}
