package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The steps a {@link WorkflowDefinitionBuilder} placed so far, and where the next sequence
 * method attaches: the frontier (the steps a following {@code then} runs after) and the steps
 * added by the last call (what {@code as} renames).
 */
final class StepChain {

	private final String where;

	private final Map<String, StepDefinition> steps = new LinkedHashMap<>();

	private List<String> frontier = List.of();

	private List<String> lastAdded = List.of();

	StepChain(String where) {
		this.where = where;
	}

	Map<String, StepDefinition> steps() {
		return this.steps;
	}

	List<String> lastAdded() {
		return this.lastAdded;
	}

	/** Place a step beside the frontier, without moving it. */
	void place(StepDefinition step) {
		DefinitionChecks.checkPlaceable(this.where, step, this.steps);
		this.steps.put(step.name(), step);
	}

	void add(String step, List<String> parents, @Nullable Predicate<JsonNode> condition) {
		place(new StepDefinition(step, parents, condition, StepOptions.NONE));
	}

	/** Place a step and make it the frontier. */
	void placeNext(StepDefinition step) {
		place(step);
		advance(List.of(step.name()));
	}

	/** Make the given steps, placed by one call, the frontier. */
	void advance(List<String> added) {
		this.frontier = List.copyOf(added);
		this.lastAdded = this.frontier;
	}

	/** Record a step added off the sequence (a timeout branch): {@code as} renames it. */
	void addedAside(String step) {
		this.lastAdded = List.of(step);
	}

	/** Place a timer step, {@code prefix} or {@code prefix-N}, after the frontier. */
	void placeTimer(String prefix, @Nullable Duration delay, @Nullable StepWait wait) {
		String id = prefix;
		for (int i = 2; this.steps.containsKey(id); i++) {
			id = prefix + "-" + i;
		}
		List<String> parents = this.steps.isEmpty() ? List.of() : requireFrontier(id);
		placeNext(new StepDefinition(id, WorkflowDefinition.SLEEP_TASK, parents, null, StepOptions.NONE, delay, wait,
				0));
	}

	/** The frontier's steps, or the empty list for the first step. */
	List<String> parentsOfFirstOrNext(String step) {
		return this.steps.isEmpty() ? List.of() : requireFrontier(step);
	}

	List<String> requireFrontier(String step) {
		if (this.frontier.isEmpty()) {
			throw new WorkflowDefinitionException(this.where + ": '" + step
					+ "' has nothing to follow; start with step(\"first-step\").");
		}
		return this.frontier;
	}

	/** Give the one step added last the id {@code stepId}. */
	void rename(String stepId) {
		DefinitionChecks.checkOneAdded(this.where, stepId, this.lastAdded);
		String old = this.lastAdded.get(0);
		if (old.equals(stepId)) {
			return;
		}
		DefinitionChecks.checkStepName(this.where, stepId);
		DefinitionChecks.checkUnique(this.where, stepId, this.steps);
		StepDefinition step = this.steps.remove(old);
		this.steps.put(stepId, step.withName(stepId));
		// after onTimeout the sequence goes on from the wait, not from the renamed branch
		this.frontier = this.frontier.contains(old) ? List.of(stepId) : this.frontier;
		this.lastAdded = List.of(stepId);
	}

}
