package io.zkworkflow.workflow.internal;

import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * The task that completes a {@code thenWorkflow} step once its child ended. It is submitted
 * in the transaction that ends the child, so it is not lost; it reads the child's record and
 * commits the parent's step with a version check, so a repeated run changes nothing.
 */
public final class ChildEndTask {

	private static final Log logger = LogFactory.getLog(ChildEndTask.class);

	private final WorkflowStore store;

	public ChildEndTask(WorkflowStore store) {
		this.store = store;
	}

	@WorkflowTask(name = WorkflowDefinition.CHILD_TASK)
	void childEnded(JsonNode payload) throws Exception {
		String parent = payload.path("parent").asString();
		String step = payload.path("step").asString();
		String childId = payload.path("child").asString();
		WorkflowStore.Versioned child = this.store.read(childId);
		if (child == null || !child.record().state.isFinished()) {
			logger.warn("Child workflow " + childId + " of workflow " + parent + " is gone or still running; "
					+ "its step '" + step + "' is left as it is");
			return;
		}
		WorkflowRecord childRecord = child.record();
		// the result travels with the notice; a notice without one predates that and is read here
		JsonNode result = payload.has("result") ? payload.get("result")
				: (childRecord.state == WorkflowState.COMPLETED)
						? this.store.planner().resultOf(this.store.definition(childRecord), childRecord) : null;
		this.store.update(parent, (definition, record, now) -> {
			StepRecord stepRecord = record.steps.get(step);
			if (stepRecord == null || stepRecord.state != StepState.RUNNING || !childId.equals(stepRecord.child)) {
				return false;
			}
			ChildWorkflows.ended(this.store.planner(), record, step, childRecord, result, now);
			return true;
		});
	}

}
