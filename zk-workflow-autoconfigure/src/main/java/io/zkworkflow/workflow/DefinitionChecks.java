package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;

/**
 * Checks of single values of a definition, shared by the builder's methods.
 */
final class DefinitionChecks {

	private DefinitionChecks() {
	}

	static String checkWorkflowName(String name) {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new WorkflowDefinitionException("Workflow name '" + name + "' " + problem + ".");
		}
		return name;
	}

	static String firstOf(String where, String... parallel) {
		if (parallel.length == 0) {
			throw new WorkflowDefinitionException(where + ": thenParallel() needs at least one step.");
		}
		return parallel[0];
	}

	static void checkStepName(String where, String step) {
		String problem = ZnodeNames.checkName(step);
		if (problem != null) {
			throw new WorkflowDefinitionException(where + ": step name '" + step + "' " + problem
					+ "; a step id is its @WorkflowTask name unless set with as(\"id\").");
		}
	}

	static void checkPlaceable(String where, StepDefinition step, Map<String, StepDefinition> steps) {
		checkStepName(where, step.name());
		checkUnique(where, step.name(), steps);
		if (step.parents().isEmpty() && !steps.isEmpty()) {
			throw new WorkflowDefinitionException(where + ": step '" + step.name() + "' has no predecessor and is "
					+ "unreachable: only the first step starts a workflow. Use step(\"" + step.name()
					+ "\", \"predecessor\") or then(\"" + step.name() + "\").");
		}
	}

	static void checkSleep(String where, Duration duration) {
		if (duration.isNegative()) {
			throw new WorkflowDefinitionException(where + ": sleep(" + duration + ") needs a duration of zero or more.");
		}
	}

	static void checkOneAdded(String where, String stepId, List<String> lastAdded) {
		if (lastAdded.size() != 1) {
			throw new WorkflowDefinitionException(where + ": as(" + InputText.quote(stepId) + ") must follow "
					+ "step(), then() or thenIf() (or forEach()), which add one step; "
					+ (lastAdded.isEmpty() ? "nothing was added yet."
							: "it followed a call that added " + lastAdded + ". Add those steps one by one "
									+ "with step(\"task\", \"predecessor\").as(\"id\")."));
		}
	}

	static void checkCron(String where, String cron) {
		try {
			CronExpression.parse(cron);
		}
		catch (IllegalArgumentException ex) {
			throw new WorkflowDefinitionException(where + ": schedule '" + cron + "' is not a valid cron expression ("
					+ ex.getMessage() + "); use six fields, seconds first, such as '0 0 2 * * *'.", ex);
		}
	}

	static void checkListener(String where, String task, Collection<StepDefinition> steps,
			@Nullable String compensation) {
		String problem = ZnodeNames.checkName(task);
		if (problem != null) {
			throw new WorkflowDefinitionException(where + ": onComplete(" + InputText.quote(task) + ") " + problem
					+ "; name the @WorkflowTask that should receive the WorkflowCompletion.");
		}
		boolean isStep = steps.stream().anyMatch((step) -> step.task().equals(task)) || task.equals(compensation);
		if (isStep) {
			throw new WorkflowDefinitionException(where + ": onComplete task '" + task + "' is also a step of the "
					+ "workflow; its handler would receive both step payloads and a WorkflowCompletion. Use a "
					+ "separate @WorkflowTask for the completion listener.");
		}
	}

	static void checkUnique(String where, String stepId, Map<String, StepDefinition> steps) {
		if (steps.containsKey(stepId)) {
			throw new WorkflowDefinitionException(where + ": step id '" + stepId + "' is declared twice; step ids "
					+ "must be unique in a workflow. A step's id is its task name unless renamed: to run task '"
					+ steps.get(stepId).task() + "' at several steps, give each its own id with "
					+ ".as(\"" + stepId + "-2\").");
		}
	}

	static List<String> checkForEach(String where, String task, int parallelism, List<String> parents, int max) {
		if (parallelism < 1 || parallelism > max) {
			throw new WorkflowDefinitionException(where + ": forEach(" + InputText.quote(task) + ", " + parallelism
					+ ") needs a parallelism between 1 and " + max + "; it bounds how many element tasks are "
					+ "pending or running at once.");
		}
		if (parents.size() != 1) {
			throw new WorkflowDefinitionException(where + ": forEach(" + InputText.quote(task) + ") follows "
					+ parents + "; a fan-out step needs exactly one predecessor, whose output is the JSON array "
					+ "to fan out. Add a step that merges " + parents + " into one array first.");
		}
		return parents;
	}

}
