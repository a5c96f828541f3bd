package io.zkworkflow.history.internal;

/**
 * The one place that names the history tables and their columns; the schema scripts
 * ({@code io/zkworkflow/history/schema-*.sql}) create the same.
 */
final class HistoryTables {

	static final String TASKS = "ZKW_TASK_HISTORY";

	static final String WORKFLOWS = "ZKW_WORKFLOW_HISTORY";

	static final String INSERT_TASK = "INSERT INTO " + TASKS
			+ " (TASK_ID, TASK_NAME, STATE, ATTEMPTS, OUTPUT_JSON, ERROR_MESSAGE, FINISHED_AT, DURATION_MILLIS)"
			+ " VALUES (:id, :name, :state, :attempts, :output, :error, :finishedAt, :durationMillis)";

	static final String INSERT_WORKFLOW = "INSERT INTO " + WORKFLOWS
			+ " (WORKFLOW_ID, DEFINITION_NAME, STATE, OUTPUTS_JSON, FAILED_STEP, ERROR_MESSAGE, STARTED_AT, FINISHED_AT)"
			+ " VALUES (:id, :definition, :state, :outputs, :failedStep, :error, :startedAt, :finishedAt)";

	static final String SELECT_TASKS = "SELECT TASK_ID, STATE, ATTEMPTS, OUTPUT_JSON, ERROR_MESSAGE, FINISHED_AT, "
			+ "DURATION_MILLIS FROM " + TASKS;

	static final String SELECT_WORKFLOWS = "SELECT WORKFLOW_ID, DEFINITION_NAME, STATE, OUTPUTS_JSON, FAILED_STEP, "
			+ "ERROR_MESSAGE, STARTED_AT, FINISHED_AT FROM " + WORKFLOWS;

	private HistoryTables() {
	}

}
