package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.TaskOutcome;
import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepOptions;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Workflows whose definition version this instance does not declare. A task of one is
 * dead-lettered here only when no live instance declares the version
 * ({@link WorkflowVersions#admit}); that fails its step, and the workflow goes on failing with
 * the shape its record still tells: its step ids and the compensation recorded at start. It
 * starts no other step, so it never runs a step of the wrong shape.
 */
final class LostVersions {

	private LostVersions() {
	}

	/**
	 * Return whether a task's workflow runs a version this application does not declare.
	 * @param registry the declared definitions
	 * @param attributes the task's attributes
	 * @return {@code false} for tasks of unversioned workflows
	 */
	static boolean undeclared(WorkflowRegistry registry, Map<String, String> attributes) {
		String version = attributes.get(StepLauncher.VERSION);
		String name = attributes.get(StepLauncher.DEFINITION);
		if (version == null || name == null) {
			return false;
		}
		WorkflowDefinition definition = registry.get(name);
		return definition == null || !version.equals(definition.version());
	}

	/**
	 * Return whether a workflow runs a version this application does not declare.
	 * @param registry the declared definitions
	 * @param record the workflow
	 * @return {@code false} for unversioned workflows and those whose version is lost
	 */
	static boolean undeclared(WorkflowRegistry registry, WorkflowRecord record) {
		if (record.version == null || record.versionLost) {
			return false;
		}
		WorkflowDefinition definition = registry.get(record.definition);
		return definition == null || !record.version.equals(definition.version());
	}

	/**
	 * What a workflow of a lost version can still do: fail, cancel and compensate. Its steps
	 * are those of the record, without edges.
	 * @param record the workflow
	 * @return the definition to fail it with
	 */
	static WorkflowDefinition residual(WorkflowRecord record) {
		Map<String, StepDefinition> steps = new LinkedHashMap<>();
		for (String step : record.steps.keySet()) {
			if (!step.equals(record.compensation)) {
				steps.put(step, new StepDefinition(step, List.of(), null, StepOptions.NONE));
			}
		}
		return new WorkflowDefinition(record.definition, steps, record.compensation, StepOptions.NONE, null, null,
				String.valueOf(record.version));
	}

	/**
	 * The transition of a dead-lettered task of a workflow whose version this instance does
	 * not declare: its step fails and the workflow fails with the residual shape.
	 * @return the operations to add to the dead letter's transaction
	 */
	static List<CuratorOp> stepDead(WorkflowStore store, TaskOutcome outcome, String id, String step) throws Exception {
		WorkflowStore.Versioned current = store.read(id);
		if (current == null || current.record().state.isFinished()) {
			return List.of();
		}
		WorkflowRecord record = current.record();
		StepRecord stepRecord = record.steps.get(step);
		if (stepRecord == null || stepRecord.state != StepState.RUNNING) {
			return List.of();
		}
		record.versionLost = true;
		WorkflowState before = record.state;
		long now = System.currentTimeMillis();
		stepRecord.attempts = outcome.attempts();
		stepRecord.finishedAt = now;
		store.planner().fail(record, step, String.valueOf(outcome.error()));
		WorkflowDefinition definition = residual(record);
		List<String> start = store.planner().advance(definition, record, now);
		List<CuratorOp> taskOps = store.followUps(definition, record, start, before, now);
		List<CuratorOp> ops = new ArrayList<>(taskOps.size() + 1);
		ops.add(store.write(record, current.version()));
		ops.addAll(taskOps);
		store.relay().expect(outcome.id(), record, step, before);
		return ops;
	}

}
