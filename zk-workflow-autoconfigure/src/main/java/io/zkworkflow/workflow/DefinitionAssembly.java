package io.zkworkflow.workflow;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The checks {@link WorkflowDefinitionBuilder#build()} runs over the whole definition, and the
 * assembly of the definition once they passed.
 */
final class DefinitionAssembly {

	private DefinitionAssembly() {
	}

	static WorkflowDefinition assemble(String name, Map<String, StepDefinition> steps, Map<String, StepOptions> options,
			@Nullable String compensation, WorkflowDefinition.@Nullable Schedule schedule,
			@Nullable String onComplete, @Nullable String version) {
		String where = "Workflow '" + name + "'";
		if (steps.isEmpty()) {
			throw new WorkflowDefinitionException(where + " has no steps; start it with step(\"first-step\").");
		}
		new StepGraph(where, steps).check();
		for (String step : options.keySet()) {
			if (!steps.containsKey(step) && !step.equals(compensation)) {
				throw new WorkflowDefinitionException(where + ": options() names unknown step '" + step
						+ "'; steps are " + steps.keySet() + ".");
			}
		}
		StepOptions compensationOptions = StepOptions.NONE;
		if (compensation != null) {
			DefinitionChecks.checkStepName(where, compensation);
			if (steps.containsKey(compensation)) {
				throw new WorkflowDefinitionException(where + ": compensation step '" + compensation
						+ "' is also a regular step; use a separate @WorkflowTask for compensation.");
			}
			compensationOptions = options.getOrDefault(compensation, StepOptions.NONE);
		}
		if (schedule != null) {
			DefinitionChecks.checkCron(where, schedule.cron());
		}
		if (onComplete != null) {
			DefinitionChecks.checkListener(where, onComplete, steps.values(), compensation);
		}
		checkSignals(where, steps);
		Map<String, StepDefinition> result = new LinkedHashMap<>();
		steps.forEach((stepName, step) -> result.put(stepName,
				step.withOptions(options.getOrDefault(stepName, StepOptions.NONE))));
		return new WorkflowDefinition(name, result, compensation, compensationOptions, schedule, onComplete,
				(version != null) ? version : DefinitionVersions.hash(result, compensation, onComplete));
	}

	/** A signal is addressed by name, so one step at most may wait for each. */
	private static void checkSignals(String where, Map<String, StepDefinition> steps) {
		Map<String, String> waits = new HashMap<>();
		for (StepDefinition step : steps.values()) {
			if (step.waitsFor() instanceof StepWait.Signal signal) {
				String other = waits.putIfAbsent(signal.name(), step.name());
				if (other != null) {
					throw new WorkflowDefinitionException(where + ": steps '" + other + "' and '" + step.name()
							+ "' both wait for signal '" + signal.name() + "'; a signal is delivered to the one step "
							+ "that waits for it, so give each wait its own signal name.");
				}
			}
		}
	}

}
