package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.InputText;

/**
 * Makes the steps of {@link WorkflowDefinitionBuilder#waitFor} and
 * {@link WorkflowDefinitionBuilder#onTimeout}, checking their arguments.
 */
final class SignalSteps {

	private SignalSteps() {
	}

	/** The wait: its task is the timeout's durable timer, which passes the payload on. */
	static StepDefinition waitFor(String where, String signal, Duration timeout, List<String> parents,
			Map<String, StepDefinition> steps) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new WorkflowDefinitionException(where + ": waitFor(" + InputText.quote(signal) + ", " + timeout
					+ ") needs a positive timeout, such as Duration.ofHours(1).");
		}
		StepDefinition existing = steps.get(signal);
		if (existing != null && existing.waitsFor() instanceof StepWait.Signal) {
			throw new WorkflowDefinitionException(where + ": waitFor(" + InputText.quote(signal) + ") is declared "
					+ "twice; a signal is delivered to the one step that waits for it, so give each wait its own "
					+ "signal name.");
		}
		return new StepDefinition(signal, WorkflowDefinition.SLEEP_TASK, parents, null, StepOptions.NONE, timeout,
				new StepWait.Signal(signal, timeout), 0);
	}

	/** The timeout branch of the wait added last: its only predecessor is the wait. */
	static StepDefinition onTimeout(String where, String step, List<String> lastAdded,
			Map<String, StepDefinition> steps) {
		StepDefinition wait = (lastAdded.size() == 1) ? steps.get(lastAdded.get(0)) : null;
		if (wait == null || !(wait.waitsFor() instanceof StepWait.Signal signal)) {
			throw new WorkflowDefinitionException(where + ": onTimeout(" + InputText.quote(step) + ") must follow "
					+ "waitFor(\"signal\", timeout) or its as(\"id\") directly, once per wait; it followed "
					+ (lastAdded.isEmpty() ? "nothing." : "a call that added " + lastAdded + "."));
		}
		return new StepDefinition(step, step, List.of(wait.name()), null, StepOptions.NONE, null,
				new StepWait.OnTimeout(signal.name()), 0);
	}

}
