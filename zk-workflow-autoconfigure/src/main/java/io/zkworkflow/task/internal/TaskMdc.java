package io.zkworkflow.task.internal;

import java.util.List;
import java.util.Map;

import org.slf4j.MDC;

/**
 * The logging MDC entries of a running handler: {@code zkWorkflow.taskId},
 * {@code zkWorkflow.taskName}, {@code zkWorkflow.attempt}, and for a workflow step
 * {@code zkWorkflow.workflowId} and {@code zkWorkflow.step}. Removed when the handler returns.
 */
final class TaskMdc {

	static final String TASK_ID = "zkWorkflow.taskId";

	static final String TASK_NAME = "zkWorkflow.taskName";

	static final String ATTEMPT = "zkWorkflow.attempt";

	static final String WORKFLOW_ID = "zkWorkflow.workflowId";

	static final String STEP = "zkWorkflow.step";

	/** Keys in the order they are put. */
	static final List<String> KEYS = List.of(TASK_ID, TASK_NAME, ATTEMPT, WORKFLOW_ID, STEP);

	// the attributes the workflow engine sets on the tasks of its steps (it owns them; the task
	// engine only reads them, so it does not depend on the workflow package)
	private static final String WORKFLOW_ATTRIBUTE = "zk-workflow.workflow";

	private static final String STEP_ATTRIBUTE = "zk-workflow.step";

	private TaskMdc() {
	}

	/**
	 * Put the entries of the attempt; close the returned scope to remove them again.
	 * @param record the running attempt's record
	 * @return what removes the entries
	 */
	static TaskTracing.Scope put(TaskRecord record) {
		MDC.put(TASK_ID, record.id().toString());
		MDC.put(TASK_NAME, record.name());
		MDC.put(ATTEMPT, Integer.toString(record.attempts()));
		Map<String, String> attributes = record.attributes();
		String workflow = attributes.get(WORKFLOW_ATTRIBUTE);
		if (workflow != null) {
			MDC.put(WORKFLOW_ID, workflow);
			String step = attributes.get(STEP_ATTRIBUTE);
			if (step != null) {
				MDC.put(STEP, step);
			}
		}
		return () -> KEYS.forEach(MDC::remove);
	}

}
