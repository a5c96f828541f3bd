package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.task.TaskOutcome;
import io.zkworkflow.workflow.CompensationInput;
import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The workflow state machine, without I/O: it changes a {@link WorkflowRecord} in memory and
 * says which steps to start. Callers commit the result with a version check, together with
 * the tasks of the started steps.
 */
final class WorkflowPlanner {

	private final WorkflowCodec codec;

	private final long maxOutputBytes;

	WorkflowPlanner(WorkflowCodec codec, long maxOutputBytes) {
		this.codec = codec;
		this.maxOutputBytes = maxOutputBytes;
	}

	WorkflowRecord newRecord(WorkflowDefinition definition, String id, @Nullable String key,
			JsonNode input, long now) {
		WorkflowRecord record = new WorkflowRecord();
		record.id = id;
		record.definition = definition.name();
		record.version = definition.version();
		record.compensation = definition.compensation();
		record.key = key;
		record.input = input;
		record.startedAt = now;
		definition.stepIds().forEach(record::step);
		return record;
	}

	/** Record how a step's task ended. */
	void stepEnded(WorkflowDefinition definition, WorkflowRecord record, String step, TaskOutcome outcome, long now) {
		StepRecord stepRecord = record.step(step);
		stepRecord.attempts = outcome.attempts();
		stepRecord.finishedAt = now;
		if (outcome.kind() == TaskOutcome.Kind.SUCCEEDED) {
			succeed(record, step, outcome.output());
		}
		else {
			fail(record, step, "Step '" + step + "' failed after " + outcome.attempts() + " attempt(s): "
					+ outcome.error());
		}
	}

	/** Record a step's output (a task's, or a child workflow's result), refusing one too large. */
	void succeed(WorkflowRecord record, String step, @Nullable JsonNode output) {
		int size = this.codec.sizeOf(output);
		if (size > this.maxOutputBytes) {
			fail(record, step, "The output of step '" + step + "' is " + size
					+ " bytes as JSON, above zk-workflow.workflows.max-output (" + this.maxOutputBytes
					+ " bytes). Workflow outputs live in ZooKeeper's memory: store the data elsewhere "
					+ "(a database, object storage) and return a reference to it.");
			return;
		}
		StepRecord stepRecord = record.step(step);
		stepRecord.state = StepState.SUCCEEDED;
		stepRecord.output = output;
	}

	/** Mark a step whose task was withdrawn before it ran. */
	void stepWithdrawn(WorkflowRecord record, String step, long now) {
		StepRecord stepRecord = record.step(step);
		stepRecord.state = StepState.CANCELLED;
		stepRecord.error = "Withdrawn before it started";
		stepRecord.finishedAt = now;
	}

	/** Request cancellation of a running workflow. */
	void cancel(WorkflowRecord record) {
		record.cancelRequested = true;
		record.state = WorkflowState.CANCELLING;
	}

	/** Mark a step failed and stop starting new steps. */
	void fail(WorkflowRecord record, String step, String error) {
		StepRecord stepRecord = record.step(step);
		stepRecord.state = StepState.FAILED;
		stepRecord.error = error;
		if (record.failedStep == null && record.state != WorkflowState.COMPENSATING) {
			record.failedStep = step;
			record.error = error;
		}
		if (record.state == WorkflowState.RUNNING) {
			record.state = WorkflowState.FAILING;
		}
	}

	/**
	 * Move the workflow as far as it goes without running anything: start steps whose
	 * predecessors finished, skip steps whose condition is false, finish the workflow or
	 * start its compensation.
	 * @return the steps to start, now marked RUNNING
	 */
	List<String> advance(WorkflowDefinition definition, WorkflowRecord record, long now) {
		List<String> start = new ArrayList<>();
		if (record.state == WorkflowState.RUNNING) {
			startReadySteps(definition, record, now, start);
		}
		if (record.state == WorkflowState.RUNNING && allFinished(definition, record)) {
			record.state = WorkflowState.COMPLETED;
			record.finishedAt = now;
		}
		if ((record.state == WorkflowState.FAILING || record.state == WorkflowState.CANCELLING)
				&& noneRunning(definition, record)) {
			for (String step : definition.steps().keySet()) {
				StepRecord stepRecord = record.step(step);
				if (stepRecord.state == StepState.WAITING) {
					stepRecord.state = StepState.CANCELLED;
				}
			}
			if (definition.compensation() != null) {
				record.state = WorkflowState.COMPENSATING;
				StepRecord compensation = record.step(definition.compensation());
				compensation.state = StepState.RUNNING;
				compensation.startedAt = now;
				start.add(definition.compensation());
			}
			else {
				finish(record, now);
			}
		}
		if (record.state == WorkflowState.COMPENSATING && definition.compensation() != null
				&& record.stateOf(definition.compensation()).isFinished()) {
			finish(record, now);
		}
		return start;
	}

	private void startReadySteps(WorkflowDefinition definition, WorkflowRecord record, long now, List<String> start) {
		boolean changed = true;
		while (changed && record.state == WorkflowState.RUNNING) {
			changed = false;
			for (StepDefinition step : definition.steps().values()) {
				StepRecord stepRecord = record.step(step.name());
				if (stepRecord.state != StepState.WAITING
						|| !step.parents().stream().allMatch((parent) -> record.stateOf(parent).isFinished())) {
					continue;
				}
				changed = true;
				if (!step.parents().isEmpty()
						&& step.parents().stream().allMatch((parent) -> record.stateOf(parent) == StepState.SKIPPED)) {
					skip(stepRecord, now, "Every predecessor was skipped");
					continue;
				}
				String afterWait = WaitSteps.skipReason(definition, record, step);
				if (afterWait != null) {
					skip(stepRecord, now, afterWait);
					continue;
				}
				if (step.condition() != null) {
					boolean holds;
					try {
						holds = step.condition().test(payloadFor(definition, record, step.name()));
					}
					catch (RuntimeException ex) {
						stepRecord.finishedAt = now;
						fail(record, step.name(), "The condition of step '" + step.name() + "' threw " + ex);
						return;
					}
					if (!holds) {
						skip(stepRecord, now, "Its condition was false");
						continue;
					}
				}
				stepRecord.state = StepState.RUNNING;
				stepRecord.startedAt = now;
				start.add(step.name());
			}
		}
	}

	private static void skip(StepRecord stepRecord, long now, String why) {
		stepRecord.state = StepState.SKIPPED;
		stepRecord.error = why;
		stepRecord.finishedAt = now;
	}

	private static void finish(WorkflowRecord record, long now) {
		record.state = record.cancelRequested ? WorkflowState.CANCELLED : WorkflowState.FAILED;
		record.finishedAt = now;
	}

	private static boolean allFinished(WorkflowDefinition definition, WorkflowRecord record) {
		return definition.steps().keySet().stream().allMatch((step) -> record.stateOf(step).isFinished());
	}

	private static boolean noneRunning(WorkflowDefinition definition, WorkflowRecord record) {
		return definition.steps().keySet().stream().noneMatch((step) -> record.stateOf(step) == StepState.RUNNING);
	}

	/**
	 * Return what a step receives: the input (first step), its predecessor's output, or the
	 * outputs of its succeeded predecessors by name (several predecessors).
	 */
	JsonNode payloadFor(WorkflowDefinition definition, WorkflowRecord record, String step) {
		StepDefinition stepDefinition = definition.step(step);
		if (stepDefinition == null || stepDefinition.parents().isEmpty()) {
			return (record.input != null) ? record.input : NullNode.getInstance();
		}
		if (stepDefinition.parents().size() == 1) {
			JsonNode output = record.step(stepDefinition.parents().get(0)).output;
			return (output != null) ? output : NullNode.getInstance();
		}
		ObjectNode outputs = this.codec.application().createObjectNode();
		for (String parent : stepDefinition.parents()) {
			StepRecord parentRecord = record.step(parent);
			if (parentRecord.state == StepState.SUCCEEDED) {
				outputs.set(parent, (parentRecord.output != null) ? parentRecord.output : NullNode.getInstance());
			}
		}
		return outputs;
	}

	/**
	 * Return a completed workflow's result: what a step after its last steps (those no step
	 * waits for) would receive, so the last step's output, or with several last steps a JSON
	 * object of the outputs of those that succeeded, keyed by step name.
	 */
	JsonNode resultOf(WorkflowDefinition definition, WorkflowRecord record) {
		List<String> last = definition.steps().keySet().stream()
			.filter((step) -> definition.children(step).isEmpty())
			.toList();
		if (last.size() == 1) {
			JsonNode output = record.step(last.get(0)).output;
			return (output != null) ? output : NullNode.getInstance();
		}
		ObjectNode outputs = this.codec.application().createObjectNode();
		for (String step : last) {
			StepRecord stepRecord = record.step(step);
			if (stepRecord.state == StepState.SUCCEEDED) {
				outputs.set(step, (stepRecord.output != null) ? stepRecord.output : NullNode.getInstance());
			}
		}
		return outputs;
	}

	CompensationInput compensationInput(WorkflowDefinition definition, WorkflowRecord record, boolean withOutputs) {
		Map<String, JsonNode> outputs = new LinkedHashMap<>();
		if (withOutputs) {
			for (String step : definition.steps().keySet()) {
				StepRecord stepRecord = record.step(step);
				if (stepRecord.state == StepState.SUCCEEDED) {
					outputs.put(step, (stepRecord.output != null) ? stepRecord.output : NullNode.getInstance());
				}
			}
		}
		return new CompensationInput(record.id, record.definition, record.cancelRequested, record.failedStep,
				record.error, record.input, outputs);
	}

}
