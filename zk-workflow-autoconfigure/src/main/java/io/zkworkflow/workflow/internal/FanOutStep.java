package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.task.AttemptLimits;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Starts a fan-out ({@code forEach}) step and launches its element tasks: element {@code i}
 * of the array its predecessor returned is the payload of one task of the step's
 * {@code @WorkflowTask}, with the step's attempt overrides, and no more than the step's
 * parallelism are in flight. Every launch is part of a transaction that also moves the
 * step's progress, so an element is launched once.
 */
final class FanOutStep {

	/** Task attribute giving an element task's index in the fan-out array. */
	static final String ELEMENT = "zk-workflow.element";

	/** The most elements one fan-out step takes. */
	static final int MAX_ELEMENTS = 100_000;

	private final ElementStore elements;

	private final TaskClient tasks;

	private final WorkflowPlanner planner;

	private final long maxOutputBytes;

	FanOutStep(ElementStore elements, TaskClient tasks, WorkflowPlanner planner, long maxOutputBytes) {
		this.elements = elements;
		this.tasks = tasks;
		this.planner = planner;
		this.maxOutputBytes = maxOutputBytes;
	}

	long maxOutputBytes() {
		return this.maxOutputBytes;
	}

	ElementStore elements() {
		return this.elements;
	}

	/**
	 * Start a fan-out step that the planner marked RUNNING: check its payload, create its
	 * layout and launch the first elements. A payload that is not an array (or too long)
	 * fails the step; an empty array succeeds it at once with an empty array.
	 * @return the operations, to join the transaction that marks the step RUNNING
	 */
	List<CuratorOp> start(WorkflowDefinition definition, WorkflowRecord record, String step, long now)
			throws Exception {
		StepDefinition stepDefinition = definition.steps().get(step);
		JsonNode payload = this.planner.payloadFor(definition, record, step);
		StepRecord stepRecord = record.step(step);
		String problem = problem(stepDefinition, payload);
		if (problem != null) {
			stepRecord.finishedAt = now;
			this.planner.fail(record, step, problem);
			return List.of();
		}
		if (payload.isEmpty()) {
			stepRecord.state = StepState.SUCCEEDED;
			stepRecord.output = payload;
			stepRecord.finishedAt = now;
			return List.of();
		}
		ElementStore.Progress progress = new ElementStore.Progress();
		progress.total = payload.size();
		progress.slots = Math.min(stepDefinition.parallelism(), progress.total);
		List<CuratorOp> ops = new ArrayList<>(
				this.elements.createLayout(record.id, step, progress, !this.elements.itemsExist(record.id)));
		for (int slot = 0; slot < progress.slots; slot++) {
			try {
				PreparedTask prepared = prepare(definition, record, step, payload, slot);
				ElementStore.Slot state = new ElementStore.Slot();
				state.index = slot;
				state.taskId = prepared.id().toString();
				ops.add(this.elements.createSlot(record.id, step, slot, state));
				ops.addAll(prepared.ops());
			}
			catch (TaskSubmitException ex) {
				stepRecord.finishedAt = now;
				this.planner.fail(record, step, launchFailure(step, slot, ex));
				return List.of();
			}
		}
		return ops;
	}

	/**
	 * Prepare the task of element {@code index} of a running fan-out.
	 * @throws TaskSubmitException if it cannot be submitted (payload too large)
	 */
	PreparedTask prepareNext(WorkflowDefinition definition, WorkflowRecord record, String step, int index) {
		return prepare(definition, record, step, this.planner.payloadFor(definition, record, step), index);
	}

	private PreparedTask prepare(WorkflowDefinition definition, WorkflowRecord record, String step, JsonNode array,
			int index) {
		StepDefinition stepDefinition = definition.steps().get(step);
		SubmitOptions base = StepLauncher.versioned(SubmitOptions.none()
			.attribute(StepLauncher.WORKFLOW, record.id)
			.attribute(StepLauncher.STEP, step)
			.attribute(ELEMENT, Integer.toString(index)), record);
		SubmitOptions options = AttemptLimits.apply(base, stepDefinition.options().attempts(),
				stepDefinition.options().backoff(), stepDefinition.options().timeout());
		return this.tasks.prepare(stepDefinition.task(), array.get(index), options);
	}

	static String launchFailure(String step, int index, TaskSubmitException ex) {
		return "Element " + index + " of fan-out step '" + step + "' could not be submitted: " + ex.getMessage();
	}

	private static @Nullable String problem(StepDefinition step, JsonNode payload) {
		String parent = step.parents().get(0);
		if (!payload.isArray()) {
			return "Fan-out step '" + step.name() + "' (forEach) needs a JSON array from step '" + parent
					+ "', but got " + kind(payload) + ": " + InputText.quote(payload.toString()) + ". Make '" + parent
					+ "' return a list or an array, one element per " + step.task() + " task.";
		}
		if (payload.size() > MAX_ELEMENTS) {
			return "Fan-out step '" + step.name() + "' got " + payload.size() + " elements from step '" + parent
					+ "', more than the " + MAX_ELEMENTS + " one fan-out step takes. Split the list over several "
					+ "workflows, or fan out over batches of elements.";
		}
		return null;
	}

	private static String kind(JsonNode payload) {
		if (payload.isNull() || payload.isMissingNode()) {
			return "null (a step that returns nothing)";
		}
		return payload.isObject() ? "an object" : payload.isString() ? "a string" : payload.isNumber() ? "a number"
				: payload.isBoolean() ? "a boolean" : payload.getNodeType().toString().toLowerCase();
	}

}
