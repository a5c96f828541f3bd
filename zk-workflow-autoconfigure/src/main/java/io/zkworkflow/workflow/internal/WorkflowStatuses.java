package io.zkworkflow.workflow.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskStatus;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowStatus;
import org.jspecify.annotations.Nullable;

/**
 * Reads a workflow's status: its record, with the attempts of running steps taken from their
 * tasks.
 */
final class WorkflowStatuses {

	private final WorkflowStore store;

	private final TaskClient tasks;

	WorkflowStatuses(WorkflowStore store, TaskClient tasks) {
		this.store = store;
		this.tasks = tasks;
	}

	WorkflowStatus status(WorkflowId id) {
		try {
			WorkflowStore.Versioned current = this.store.read(id.value());
			if (current == null) {
				return WorkflowStatus.unknown(id);
			}
			WorkflowRecord record = current.record();
			Map<String, StepStatus> steps = new LinkedHashMap<>();
			record.steps.forEach((name, step) -> steps.put(name, stepStatus(name, step)));
			WorkflowDefinition definition = this.store.registry().get(record.definition);
			// the edges of the version the workflow runs: unknown here when this instance declares another
			boolean sameVersion = definition != null
					&& (record.version == null || record.version.equals(definition.version()));
			List<List<String>> edges = sameVersion ? definition.edges() : List.of();
			return new WorkflowStatus(id, record.definition, record.state, record.input, steps, edges, record.error,
					instant(record.startedAt), instant(record.finishedAt), record.version);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the status of workflow " + id + ": " + ex, ex);
		}
	}

	private StepStatus stepStatus(String name, StepRecord step) {
		int attempts = step.attempts;
		if (step.state == StepState.RUNNING && step.taskId != null) {
			TaskStatus task = this.tasks.status(TaskId.parse(step.taskId));
			attempts = task.attempts();
		}
		return new StepStatus(name, step.state, attempts, step.taskId, step.output, step.error,
				instant(step.startedAt), instant(step.finishedAt));
	}

	private static @Nullable Instant instant(long millis) {
		return (millis > 0) ? Instant.ofEpochMilli(millis) : null;
	}

}
