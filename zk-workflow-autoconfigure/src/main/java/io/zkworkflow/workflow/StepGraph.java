package io.zkworkflow.workflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape checks of a workflow's steps: every predecessor is declared, there is no cycle, and
 * every step is reachable from the first. Each failure names the workflow, the step and the fix.
 */
final class StepGraph {

	private final String where;

	private final Map<String, StepDefinition> steps;

	StepGraph(String where, Map<String, StepDefinition> steps) {
		this.where = where;
		this.steps = steps;
	}

	void check() {
		for (StepDefinition step : this.steps.values()) {
			for (String parent : step.parents()) {
				if (!this.steps.containsKey(parent)) {
					throw new WorkflowDefinitionException(this.where + ": step '" + step.name()
							+ "' waits for unknown step '" + parent + "'; declare '" + parent
							+ "' as a step or fix the name. Steps are " + this.steps.keySet() + ".");
				}
			}
		}
		checkCycles();
		checkReachable();
	}

	private void checkCycles() {
		Map<String, Integer> mark = new HashMap<>();
		for (String start : this.steps.keySet()) {
			Deque<String> path = new ArrayDeque<>();
			visit(start, mark, path);
		}
	}

	private void visit(String step, Map<String, Integer> mark, Deque<String> path) {
		Integer state = mark.get(step);
		if (state != null && state == 2) {
			return;
		}
		if (state != null) {
			List<String> cycle = new ArrayList<>();
			boolean in = false;
			for (String onPath : path) {
				in = in || onPath.equals(step);
				if (in) {
					cycle.add(onPath);
				}
			}
			cycle.add(step);
			throw new WorkflowDefinitionException(this.where + ": step '" + step + "' is part of a cycle "
					+ String.join(" -> ", cycle) + "; a workflow must be acyclic, remove one of these dependencies.");
		}
		mark.put(step, 1);
		path.addLast(step);
		for (String parent : this.steps.get(step).parents()) {
			visit(parent, mark, path);
		}
		path.removeLast();
		mark.put(step, 2);
	}

	private void checkReachable() {
		String first = this.steps.keySet().iterator().next();
		Set<String> reached = new HashSet<>();
		Deque<String> todo = new ArrayDeque<>(List.of(first));
		while (!todo.isEmpty()) {
			String step = todo.removeFirst();
			if (reached.add(step)) {
				this.steps.values()
					.stream()
					.filter((candidate) -> candidate.parents().contains(step))
					.forEach((candidate) -> todo.addLast(candidate.name()));
			}
		}
		for (String step : this.steps.keySet()) {
			if (!reached.contains(step)) {
				throw new WorkflowDefinitionException(this.where + ": step '" + step + "' is unreachable from the first "
						+ "step '" + first + "'; make it wait for a step that runs, or remove it.");
			}
		}
	}

}
