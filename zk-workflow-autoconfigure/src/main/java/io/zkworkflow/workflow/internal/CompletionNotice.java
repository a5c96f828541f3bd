package io.zkworkflow.workflow.internal;

import java.time.Instant;
import java.util.List;

import io.zkworkflow.task.PayloadTooLargeException;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.WorkflowCompletion;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Prepares the task of a definition's completion listener when a transition ends the
 * workflow, so that it joins the transaction that commits the end: the end and its notice
 * commit together or not at all. The end itself is version-checked, so only one transition
 * ends a workflow; the idempotency key (workflow id and start time, which stays unique when
 * a key-derived id is reused after the retention) guards against a repeat all the same.
 */
final class CompletionNotice {

	/** Task attribute naming the workflow a completion listener task reports on. */
	static final String COMPLETED_WORKFLOW = "zk-workflow.completed-workflow";

	private static final int MAX_ERROR = 2000;

	private final TaskClient tasks;

	private final WorkflowPlanner planner;

	CompletionNotice(TaskClient tasks, WorkflowPlanner planner) {
		this.tasks = tasks;
		this.planner = planner;
	}

	/**
	 * Return the operations that submit the listener task, when the transition from
	 * {@code before} to {@code record} ends a workflow whose definition has a listener.
	 * @return the operations, empty when there is nothing to notify
	 */
	List<CuratorOp> prepare(WorkflowDefinition definition, WorkflowRecord record, WorkflowState before) {
		String listener = definition.onComplete();
		if (listener == null || before.isFinished() || !record.state.isFinished()) {
			return List.of();
		}
		SubmitOptions options = SubmitOptions.idempotencyKey(record.id + "@" + record.startedAt)
			.attribute(COMPLETED_WORKFLOW, record.id);
		JsonNode result = (record.state == WorkflowState.COMPLETED) ? this.planner.resultOf(definition, record) : null;
		try {
			return this.tasks.prepare(listener, completion(record, result), options).ops();
		}
		catch (PayloadTooLargeException ex) {
			// the result is readable with WorkflowClient.result for the retention; the notice must not be lost
			return this.tasks.prepare(listener, completion(record, null), options).ops();
		}
	}

	private static WorkflowCompletion completion(WorkflowRecord record, @Nullable JsonNode result) {
		// with no result, the error is the only part that can grow: keep it well below any payload limit
		String error = (result == null && record.error != null && record.error.length() > MAX_ERROR)
				? record.error.substring(0, MAX_ERROR) + "..." : record.error;
		return new WorkflowCompletion(new WorkflowId(record.id), record.definition, record.state, result,
				record.failedStep, error, Instant.ofEpochMilli(record.startedAt),
				Instant.ofEpochMilli(record.finishedAt));
	}

}
