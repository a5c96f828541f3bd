package io.zkworkflow.workflow;

import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One step of a {@link WorkflowDefinition}: the {@code @WorkflowTask} it runs, the steps it
 * waits for, and an optional condition.
 *
 * @param name the step name, which is the name of the {@code @WorkflowTask} it runs
 * @param parents the steps that must finish first (empty for the first step)
 * @param condition evaluated on the step's payload once its parents finished: {@code false}
 * skips the step; {@code null} runs it always
 * @param options overrides of the handler's attempts, backoff and timeout
 */
public record StepDefinition(String name, List<String> parents, @Nullable Predicate<JsonNode> condition,
		StepOptions options) {

	public StepDefinition {
		parents = List.copyOf(parents);
	}

	StepDefinition withOptions(StepOptions newOptions) {
		return new StepDefinition(this.name, this.parents, this.condition, newOptions);
	}

}
