package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.zkworkflow.workflow.StepDefinition;
import io.zkworkflow.workflow.StepWait;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowDefinitionException;

/**
 * Checks, once every definition is known, that each {@code thenWorkflow} step names a declared
 * definition and that no definition starts itself again through its children: such a
 * workflow would start children without end.
 */
final class ChildDefinitionCheck {

	private final Map<String, WorkflowDefinition> byName;

	private final Set<String> checked = new HashSet<>();

	private ChildDefinitionCheck(Map<String, WorkflowDefinition> byName) {
		this.byName = byName;
	}

	static void check(Map<String, WorkflowDefinition> byName) {
		ChildDefinitionCheck check = new ChildDefinitionCheck(byName);
		for (WorkflowDefinition definition : byName.values()) {
			check.visit(definition, new ArrayList<>());
		}
	}

	private void visit(WorkflowDefinition definition, List<String> path) {
		int seen = path.indexOf(definition.name());
		if (seen >= 0) {
			List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
			cycle.add(definition.name());
			throw new WorkflowDefinitionException("Workflows start each other in a cycle: " + String.join(" -> ", cycle)
					+ " (thenWorkflow steps). Each run would start another child without end; remove one of "
					+ "these thenWorkflow steps or start that workflow some other way.");
		}
		if (this.checked.contains(definition.name())) {
			return;
		}
		path.add(definition.name());
		for (StepDefinition step : definition.steps().values()) {
			if (step.waitsFor() instanceof StepWait.Child child) {
				WorkflowDefinition target = this.byName.get(child.definition());
				if (target == null) {
					throw new WorkflowDefinitionException("Workflow '" + definition.name() + "': step '" + step.name()
							+ "' starts workflow '" + child.definition() + "' (thenWorkflow), which this application "
							+ "does not declare; known workflows are " + this.byName.keySet() + ". Declare a "
							+ "WorkflowDefinition bean named '" + child.definition() + "' or fix the name.");
				}
				visit(target, path);
			}
		}
		path.remove(path.size() - 1);
		this.checked.add(definition.name());
	}

}
