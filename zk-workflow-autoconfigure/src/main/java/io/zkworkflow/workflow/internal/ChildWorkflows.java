package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepWait;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Child workflows ({@code thenWorkflow} steps). The child is created in the transaction that
 * marks the parent's step RUNNING, under an id derived from the parent's id, start time and
 * step, so a transition that is computed again cannot start a second child. The transaction
 * that ends the child submits a {@link WorkflowDefinition#CHILD_TASK} task (the same durable
 * path as a completion listener), whose handler completes the parent's step with a version
 * check: at least once, committed once.
 */
final class ChildWorkflows {

	private final WorkflowStore store;

	private final TaskClient tasks;

	ChildWorkflows(WorkflowStore store, TaskClient tasks) {
		this.store = store;
		this.tasks = tasks;
	}

	/** The idempotency key of the child a step starts; its id is derived from it. */
	static String childKey(WorkflowRecord parent, String step) {
		return parent.id + "@" + parent.startedAt + "/" + step;
	}

	/**
	 * Return the operations that create the child of {@code step} and start its first steps,
	 * and record its id in the step. An undeclared child fails the step.
	 */
	List<CuratorOp> start(WorkflowDefinition definition, WorkflowRecord record, String step, StepWait.Child child,
			long now) throws Exception {
		WorkflowPlanner planner = this.store.planner();
		WorkflowDefinition childDefinition = this.store.registry().get(child.definition());
		if (childDefinition == null) {
			// the registry refuses this at startup; a definition removed since is caught here
			record.step(step).finishedAt = now;
			planner.fail(record, step, "Step '" + step + "' starts workflow '" + child.definition()
					+ "', which this application does not declare.");
			return List.of();
		}
		JsonNode input = planner.payloadFor(definition, record, step);
		String key = childKey(record, step);
		String id = WorkflowId.forKey(childDefinition.name(), key).value();
		WorkflowRecord childRecord = planner.newRecord(childDefinition, id, key, input, now);
		childRecord.parent = record.id;
		childRecord.parentStep = step;
		childRecord.parentDefinition = record.definition;
		childRecord.parentVersion = record.version;
		List<String> first = planner.advance(childDefinition, childRecord, now);
		List<CuratorOp> childOps = this.store.followUps(childDefinition, childRecord, first, WorkflowState.RUNNING,
				now);
		List<CuratorOp> ops = new ArrayList<>();
		ops.add(this.store.curator()
			.transactionOp()
			.create()
			.forPath(this.store.paths().workflow(id), this.store.codec().write(childRecord)));
		ops.addAll(childOps);
		ops.add(this.store.curator().transactionOp().create().forPath(this.store.paths().indexEntry(childRecord)));
		record.step(step).child = id;
		return ops;
	}

	/**
	 * Return the operations that tell the parent a child ended, when the transition from
	 * {@code before} to {@code record} ends a child workflow.
	 */
	List<CuratorOp> endNotice(WorkflowDefinition definition, WorkflowRecord record, WorkflowState before) {
		if (record.parent == null || record.parentStep == null || before.isFinished() || !record.state.isFinished()) {
			return List.of();
		}
		SubmitOptions options = SubmitOptions.idempotencyKey(record.id + "@" + record.startedAt + "/parent")
			.attribute(CompletionNotice.COMPLETED_WORKFLOW, record.id);
		if (record.parentVersion != null && record.parentDefinition != null) {
			// only an instance that declares the parent's version completes the parent's step
			options = options.attribute(StepLauncher.WORKFLOW, record.parent)
				.attribute(StepLauncher.STEP, record.parentStep)
				.attribute(StepLauncher.DEFINITION, record.parentDefinition)
				.attribute(StepLauncher.VERSION, record.parentVersion);
		}
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("parent", record.parent);
		payload.put("step", record.parentStep);
		payload.put("child", record.id);
		if (record.state == WorkflowState.COMPLETED) {
			// the parent's instance may lack the child's version, and with it the child's shape
			payload.put("result", this.store.planner().resultOf(definition, record));
		}
		return this.tasks.prepare(WorkflowDefinition.CHILD_TASK, payload, options).ops();
	}

	/**
	 * Record in the parent how its child ended: the child's result as the step's output, or
	 * the step failed; a child cancelled because the parent is failing or cancelling leaves the
	 * step CANCELLED.
	 */
	static void ended(WorkflowPlanner planner, WorkflowRecord parent, String step, WorkflowRecord child,
			@Nullable JsonNode result, long now) {
		StepRecord stepRecord = parent.step(step);
		stepRecord.attempts = 1;
		stepRecord.finishedAt = now;
		String what = "Child workflow '" + child.definition + "' (" + child.id + ")";
		if (child.state == WorkflowState.COMPLETED) {
			planner.succeed(parent, step, (result != null) ? result : NullNode.getInstance());
		}
		else if (child.state == WorkflowState.CANCELLED && parent.state != WorkflowState.RUNNING) {
			stepRecord.state = StepState.CANCELLED;
			stepRecord.error = what + " was cancelled with its parent";
		}
		else if (child.state == WorkflowState.CANCELLED) {
			planner.fail(parent, step, what + " was cancelled");
		}
		else {
			planner.fail(parent, step, what + " failed" + ((child.failedStep != null)
					? " at step '" + child.failedStep + "'" : "") + ": " + child.error);
		}
	}

	/** Cancel the child of a running step, for a parent that is failing or cancelling. */
	static void cancelChild(ZkWorkflowClient client, StepRecord stepRecord) {
		if (stepRecord.state == StepState.RUNNING && stepRecord.child != null) {
			client.cancel(new WorkflowId(stepRecord.child));
		}
	}

}
