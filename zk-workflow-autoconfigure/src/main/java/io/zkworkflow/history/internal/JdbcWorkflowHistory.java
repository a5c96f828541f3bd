package io.zkworkflow.history.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.zkworkflow.history.FinishedWorkflow;
import io.zkworkflow.history.HistoryQuery;
import io.zkworkflow.history.WorkflowHistory;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link WorkflowHistory} on the {@value HistoryTables#WORKFLOWS} table.
 */
public final class JdbcWorkflowHistory implements WorkflowHistory {

	private static final Set<String> FINISHED = new LinkedHashSet<>(List.of(WorkflowState.COMPLETED.name(),
			WorkflowState.FAILED.name(), WorkflowState.CANCELLED.name()));

	private final JdbcClient jdbc;

	private final JsonMapper json;

	public JdbcWorkflowHistory(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public Optional<FinishedWorkflow> find(WorkflowId id) {
		return this.jdbc.sql(HistoryTables.SELECT_WORKFLOWS + " WHERE WORKFLOW_ID = :id")
			.param("id", id.value())
			.query(this::row)
			.optional();
	}

	@Override
	public List<FinishedWorkflow> search(HistoryQuery query) {
		return HistorySearch.statement(this.jdbc, HistoryTables.SELECT_WORKFLOWS, "DEFINITION_NAME", "WORKFLOW_ID",
				query, FINISHED, "workflow")
			.query(this::row)
			.list();
	}

	private FinishedWorkflow row(ResultSet rs, int rowNum) throws SQLException {
		Map<String, JsonNode> outputs = new LinkedHashMap<>();
		String stored = rs.getString("OUTPUTS_JSON");
		if (stored != null) {
			this.json.readTree(stored).properties().forEach((entry) -> outputs.put(entry.getKey(), entry.getValue()));
		}
		return new FinishedWorkflow(new WorkflowId(rs.getString("WORKFLOW_ID")), rs.getString("DEFINITION_NAME"),
				WorkflowState.valueOf(rs.getString("STATE")), outputs, rs.getString("FAILED_STEP"),
				rs.getString("ERROR_MESSAGE"), rs.getObject("STARTED_AT", OffsetDateTime.class).toInstant(),
				rs.getObject("FINISHED_AT", OffsetDateTime.class).toInstant());
	}

}
