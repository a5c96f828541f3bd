package io.zkworkflow.workflow.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskOutcome;
import io.zkworkflow.task.WorkflowTask;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Carries the dead letter of a workflow task to an instance that declares the workflow's
 * definition version. The coordinator dead-letters a task whose lease was lost on its last
 * attempt, and it may lack that version: while a live instance still declares it, the step
 * must take its ordinary failure path (with its shape, options and compensation), which only
 * such an instance knows, not the path of a lost version. The task bears the version, so only
 * such an instance runs it; if none is left by then, it is refused and the workflow fails as
 * one whose version is lost.
 */
public final class DeadStepRelayTask {

	/** The task's name. */
	static final String NAME = "zk-workflow.dead-step-relay";

	private static final int RACE_RETRIES = 10;

	private final WorkflowTransitions transitions;

	private final WorkflowStore store;

	public DeadStepRelayTask(WorkflowTransitions transitions, WorkflowStore store) {
		this.transitions = transitions;
		this.store = store;
	}

	/** The operations, joined to the dead letter's transaction, that hand its ending on. */
	static List<CuratorOp> relay(TaskClient tasks, TaskOutcome dead) {
		Map<String, String> attributes = dead.attributes();
		SubmitOptions options = SubmitOptions.idempotencyKey(dead.id() + "/dead")
			.attribute(StepLauncher.WORKFLOW, attributes.get(StepLauncher.WORKFLOW))
			.attribute(StepLauncher.STEP, attributes.get(StepLauncher.STEP))
			.attribute(StepLauncher.DEFINITION, attributes.get(StepLauncher.DEFINITION))
			.attribute(StepLauncher.VERSION, attributes.get(StepLauncher.VERSION));
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("task", dead.id().toString());
		payload.put("attempts", dead.attempts());
		payload.put("error", String.valueOf(dead.error()));
		payload.put("attributes", attributes);
		return tasks.prepare(NAME, payload, options).ops();
	}

	@WorkflowTask(name = NAME)
	void ended(JsonNode dead) throws Exception {
		Map<String, String> attributes = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : dead.path("attributes").properties()) {
			attributes.put(entry.getKey(), entry.getValue().asString());
		}
		TaskId id = TaskId.parse(dead.path("task").asString());
		TaskOutcome outcome = new TaskOutcome(id, TaskOutcome.Kind.DEAD, dead.path("attempts").asInt(), null,
				attributes, NullNode.getInstance(), null, dead.path("error").asString());
		for (int i = 0; i < RACE_RETRIES; i++) {
			List<CuratorOp> ops = this.transitions.contribute(outcome, this.store.curator());
			if (ops.isEmpty()) {
				return;
			}
			try {
				this.store.commit(ops);
				this.store.relay().published(id);
				return;
			}
			catch (KeeperException ex) {
				if (ex.code() != KeeperException.Code.BADVERSION && ex.code() != KeeperException.Code.NODEEXISTS) {
					throw ex;
				}
				// another transition of the workflow committed first: read it again
			}
		}
		throw new IllegalStateException("Workflow " + attributes.get(StepLauncher.WORKFLOW) + " kept changing; the "
				+ "failure of task " + id + " is tried again");
	}

}
