package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskCompletionContributor;
import io.zkworkflow.task.TaskOutcome;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Joins a step's transition to the transaction that ends its task: the version-checked
 * workflow record (the step's output or failure, fan-in bookkeeping, the new state) and the
 * tasks of the steps it starts. If another step of the same workflow committed first, the
 * version check fails and the task engine asks again with a fresh read; if the worker lost
 * its lease, nothing commits. So a transition is neither lost nor applied twice.
 */
public final class WorkflowTransitions implements TaskCompletionContributor {

	private static final Log logger = LogFactory.getLog(WorkflowTransitions.class);

	private final WorkflowStore store;

	private final FanOutTransitions fanOut;

	private final TaskClient tasks;

	public WorkflowTransitions(WorkflowStore store, TaskClient tasks) {
		this.store = store;
		this.tasks = tasks;
		this.fanOut = new FanOutTransitions(store);
	}

	@Override
	public List<CuratorOp> contribute(TaskOutcome outcome, CuratorFramework curator) throws Exception {
		String id = outcome.attributes().get(StepLauncher.WORKFLOW);
		String step = outcome.attributes().get(StepLauncher.STEP);
		if (id == null || step == null) {
			return List.of();
		}
		if (LostVersions.undeclared(this.store.registry(), outcome.attributes())) {
			if (outcome.kind() == TaskOutcome.Kind.DEAD) {
				// refused here because its version is gone, or dead-lettered by a coordinator of another version
				return WorkflowVersions.declaredByLiveInstance(curator, this.store.paths(), outcome.attributes())
						? DeadStepRelayTask.relay(this.tasks, outcome) : LostVersions.stepDead(this.store, outcome, id, step);
			}
			throw new IllegalStateException("Task " + outcome.id() + " of workflow " + id + " ran on an instance that "
					+ "does not declare the workflow's definition version; its result is not applied here");
		}
		String element = outcome.attributes().get(FanOutStep.ELEMENT);
		if (element != null) {
			return this.fanOut.contribute(outcome, id, step, Integer.parseInt(element));
		}
		WorkflowStore.Versioned current = this.store.read(id);
		if (current == null) {
			logger.warn("Step task " + outcome.id() + " ended but workflow " + id + " no longer exists "
					+ "(finished longer ago than zk-workflow.workflows.retention); nothing to record");
			return List.of();
		}
		WorkflowRecord record = current.record();
		StepRecord stepRecord = record.steps.get(step);
		if (stepRecord == null || stepRecord.state != StepState.RUNNING
				|| !outcome.id().toString().equals(stepRecord.taskId)) {
			logger.debug("Task " + outcome.id() + " is not the running task of step '" + step + "' of workflow " + id
					+ "; its ending changes nothing");
			return List.of();
		}
		WorkflowDefinition definition = this.store.definition(record);
		WorkflowState before = record.state;
		long now = System.currentTimeMillis();
		WorkflowPlanner planner = this.store.planner();
		if (!WaitSteps.timedOut(planner, definition, record, step, outcome, now)) {
			planner.stepEnded(definition, record, step, outcome, now);
		}
		List<String> start = planner.advance(definition, record, now);
		List<CuratorOp> taskOps = this.store.followUps(definition, record, start, before, now);
		List<CuratorOp> ops = new ArrayList<>(taskOps.size() + 1);
		ops.add(this.store.write(record, current.version()));
		ops.addAll(taskOps);
		this.store.relay().expect(outcome.id(), record, step, before);
		return ops;
	}

}
