package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

/**
 * What a step waits for besides its predecessors: a signal (with a timeout), the timeout of
 * such a wait (the step of its timeout branch), an instant computed from its payload, or the
 * end of a child workflow. A
 * regular step has none ({@link StepDefinition#waitsFor()} is {@code null}).
 */
public sealed interface StepWait permits StepWait.Signal, StepWait.OnTimeout, StepWait.Until, StepWait.Child {

	/**
	 * The step waits for the signal {@code name}, sent with {@link WorkflowClient#signal};
	 * the signal's payload becomes its output. Its task is a durable timer of
	 * {@code timeout}: if it fires first, the step follows its timeout branch, or fails.
	 *
	 * @param name the signal's name
	 * @param timeout how long the step waits once it started
	 */
	record Signal(String name, Duration timeout) implements StepWait {
	}

	/**
	 * The step is the timeout branch of the wait for {@code signal} (its only predecessor):
	 * it runs when the timeout fired first, and is skipped when the signal arrived.
	 *
	 * @param signal the signal whose wait timed out
	 */
	record OnTimeout(String signal) implements StepWait {
	}

	/**
	 * The step is a durable timer that fires at the instant {@code instant} computes from its
	 * payload, and then hands the payload on. The instant is computed once, when the step
	 * starts, on the instance that starts it; an instant in the past fires at once.
	 *
	 * @param instant a deterministic function of the step's payload
	 */
	record Until(Function<JsonNode, Instant> instant) implements StepWait {
	}

	/**
	 * The step runs another workflow, a child: it starts the definition {@code definition}
	 * with the step's payload as input, and ends when the child ends, with the child's result
	 * as its output (or failed, when the child failed or was cancelled).
	 *
	 * @param definition the name of the child's {@link WorkflowDefinition}
	 */
	record Child(String definition) implements StepWait {
	}

}
