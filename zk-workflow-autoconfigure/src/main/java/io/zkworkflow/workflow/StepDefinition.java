package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One step of a {@link WorkflowDefinition}: the {@code @WorkflowTask} it runs, the steps it
 * waits for, and an optional condition. A step is identified by its id ({@code name}); one
 * task may run at several steps of a workflow, each with its own id.
 *
 * @param name the step id, unique in the workflow; state, outputs and predecessors use it
 * @param task the name of the {@code @WorkflowTask} the step runs
 * @param parents the steps that must finish first (empty for the first step)
 * @param condition evaluated on the step's payload once its parents finished: {@code false}
 * skips the step; {@code null} runs it always
 * @param options overrides of the handler's attempts, backoff and timeout
 * @param delay how long after the step starts its task becomes ready (a durable timer), or
 * {@code null} to run it at once
 * @param waitsFor what else the step waits for (a signal, a timeout, an instant), or {@code null}
 * @param parallelism for a fan-out ({@code forEach}) step, how many of its element tasks may
 * be pending or running at once; {@code 0} for a step that runs one task
 */
public record StepDefinition(String name, String task, List<String> parents, @Nullable Predicate<JsonNode> condition,
		StepOptions options, @Nullable Duration delay, @Nullable StepWait waitsFor, int parallelism) {

	public StepDefinition {
		parents = List.copyOf(parents);
	}

	/**
	 * A step that runs one task and waits for nothing but its predecessors and its delay.
	 * @param name the step id
	 * @param task the task it runs
	 * @param parents the steps that must finish first
	 * @param condition the condition, or {@code null}
	 * @param options the overrides
	 * @param delay the delay of its task, or {@code null}
	 */
	public StepDefinition(String name, String task, List<String> parents, @Nullable Predicate<JsonNode> condition,
			StepOptions options, @Nullable Duration delay) {
		this(name, task, parents, condition, options, delay, null, 0);
	}

	/**
	 * A step whose id is the name of the task it runs.
	 * @param name the step id and task name
	 * @param parents the steps that must finish first
	 * @param condition the condition, or {@code null}
	 * @param options the overrides
	 */
	public StepDefinition(String name, List<String> parents, @Nullable Predicate<JsonNode> condition,
			StepOptions options) {
		this(name, name, parents, condition, options, null, null, 0);
	}

	/**
	 * Return whether the step runs its task once per element of its payload (a JSON array).
	 * @return whether it is a fan-out step
	 */
	public boolean fansOut() {
		return this.parallelism > 0;
	}

	StepDefinition withOptions(StepOptions newOptions) {
		return new StepDefinition(this.name, this.task, this.parents, this.condition, newOptions, this.delay,
				this.waitsFor, this.parallelism);
	}

	StepDefinition withName(String id) {
		return new StepDefinition(id, this.task, this.parents, this.condition, this.options, this.delay,
				this.waitsFor, this.parallelism);
	}

}
