package io.zkworkflow.workflow.internal;

import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.WorkflowDefinition;
import tools.jackson.databind.JsonNode;

/**
 * The task behind {@code sleep(Duration)} steps. The wait itself is the delay the step's task
 * was submitted with; by the time this runs it has passed, so it only hands the payload on.
 */
public final class SleepTask {

	@WorkflowTask(name = WorkflowDefinition.SLEEP_TASK)
	JsonNode wake(JsonNode payload) {
		return payload;
	}

}
