package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskOutcome;
import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.StepWait;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The state-machine side of signal waits, without I/O: how a wait ends (its signal or its
 * timeout) and which of the steps after it run. A wait's task is its timeout's durable timer;
 * a timed-out wait with a timeout branch is SUCCEEDED with {@code timedOut} set and hands on
 * the payload it received, so its branch step receives that.
 */
final class WaitSteps {

	private WaitSteps() {
	}

	/**
	 * Return why {@code step} is skipped because of a wait before it, or {@code null} when it
	 * may run: the timeout branch runs only after a timeout, the other steps after a wait only
	 * after its signal.
	 */
	static @Nullable String skipReason(WorkflowDefinition definition, WorkflowRecord record, StepDefinition step) {
		if (step.waitsFor() instanceof StepWait.OnTimeout timeout) {
			String wait = step.parents().get(0);
			return record.step(wait).timedOut ? null
					: "Signal '" + timeout.signal() + "' arrived before the timeout of step '" + wait + "'";
		}
		for (String parent : step.parents()) {
			StepDefinition parentDefinition = definition.step(parent);
			if (parentDefinition != null && parentDefinition.waitsFor() instanceof StepWait.Signal signal
					&& record.step(parent).timedOut) {
				return "Step '" + parent + "' timed out waiting for signal '" + signal.name() + "'";
			}
		}
		return null;
	}

	/**
	 * Record that the timer of a wait fired: its timeout. Returns {@code false}, changing
	 * nothing, when {@code step} is not a wait or its timer task did not succeed.
	 */
	static boolean timedOut(WorkflowPlanner planner, WorkflowDefinition definition, WorkflowRecord record,
			String step, TaskOutcome outcome, long now) {
		StepDefinition stepDefinition = definition.step(step);
		if (stepDefinition == null || !(stepDefinition.waitsFor() instanceof StepWait.Signal signal)
				|| outcome.kind() != TaskOutcome.Kind.SUCCEEDED) {
			return false;
		}
		StepRecord stepRecord = record.step(step);
		stepRecord.attempts = outcome.attempts();
		stepRecord.finishedAt = now;
		String error = "No signal '" + signal.name() + "' arrived within " + signal.timeout() + " after step '" + step
				+ "' started";
		if (timeoutBranch(definition, step) != null) {
			stepRecord.state = StepState.SUCCEEDED;
			stepRecord.timedOut = true;
			stepRecord.output = outcome.output();
			stepRecord.error = error + "; its timeout branch runs";
		}
		else {
			planner.fail(record, step, error + ". Declare onTimeout(\"step\") after waitFor(...) to take a branch "
					+ "instead of failing.");
		}
		return true;
	}

	/** Complete a wait with its signal's payload. */
	static void signalled(WorkflowRecord record, String step, JsonNode payload, long now) {
		StepRecord stepRecord = record.step(step);
		stepRecord.state = StepState.SUCCEEDED;
		stepRecord.output = payload;
		stepRecord.timedOut = false;
		stepRecord.finishedAt = now;
		if (stepRecord.startedAt == 0) {
			stepRecord.startedAt = now;
		}
	}

	/** Return the step that waits for {@code signal}, or {@code null}. */
	static @Nullable StepDefinition waitFor(WorkflowDefinition definition, String signal) {
		for (StepDefinition step : definition.steps().values()) {
			if (step.waitsFor() instanceof StepWait.Signal wait && wait.name().equals(signal)) {
				return step;
			}
		}
		return null;
	}

	/** Return the names of the signals a definition waits for. */
	static List<String> signals(WorkflowDefinition definition) {
		List<String> names = new ArrayList<>();
		for (StepDefinition step : definition.steps().values()) {
			if (step.waitsFor() instanceof StepWait.Signal wait) {
				names.add(wait.name());
			}
		}
		return names;
	}

	private static @Nullable StepDefinition timeoutBranch(WorkflowDefinition definition, String wait) {
		for (StepDefinition child : definition.children(wait)) {
			if (child.waitsFor() instanceof StepWait.OnTimeout) {
				return child;
			}
		}
		return null;
	}

}
