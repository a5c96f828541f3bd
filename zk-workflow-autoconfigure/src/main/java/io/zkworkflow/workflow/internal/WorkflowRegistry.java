package io.zkworkflow.workflow.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.zkworkflow.task.TaskDeclarations;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowDefinitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The application's {@link WorkflowDefinition} beans by name. Once every bean is created it
 * checks that names are unique, that child workflows are declared and start no cycle, and, with {@code zk-workflow.workflows.validate-handlers},
 * that every step, compensation and completion listener names a {@code @WorkflowTask} of this
 * application.
 */
public final class WorkflowRegistry implements SmartInitializingSingleton {

	private final Map<String, WorkflowDefinition> byName = new LinkedHashMap<>();

	private final @Nullable TaskDeclarations handlers;

	private final boolean validateHandlers;

	public WorkflowRegistry(List<WorkflowDefinition> definitions, @Nullable TaskDeclarations handlers,
			boolean validateHandlers) {
		this.handlers = handlers;
		this.validateHandlers = validateHandlers;
		for (WorkflowDefinition definition : definitions) {
			if (this.byName.putIfAbsent(definition.name(), definition) != null) {
				throw new WorkflowDefinitionException("Workflow '" + definition.name()
						+ "' is defined by two WorkflowDefinition beans; workflow names must be unique, rename one.");
			}
		}
		ChildDefinitionCheck.check(this.byName);
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.validateHandlers || this.handlers == null) {
			return;
		}
		TreeSet<String> known = new TreeSet<>();
		this.handlers.declared().forEach((handler) -> known.add(handler.name()));
		for (WorkflowDefinition definition : this.byName.values()) {
			for (String task : definition.taskNames()) {
				if (!known.contains(task)) {
					String role = task.equals(definition.compensation()) ? "compensation step '" : "step '";
					throw new WorkflowDefinitionException("Workflow '" + definition.name() + "': " + role + task
							+ "' has no @WorkflowTask(name = \"" + task + "\") in this application; known tasks are "
							+ applicationTasks(known) + ". Fix the name, or, if another application runs this step, set "
							+ "zk-workflow.workflows.validate-handlers=false here (every application that runs a step "
							+ "must still declare this WorkflowDefinition bean).");
				}
			}
			String listener = definition.onComplete();
			if (listener != null && !known.contains(listener)) {
				throw new WorkflowDefinitionException("Workflow '" + definition.name() + "': completion listener '"
						+ listener + "' (onComplete) has no @WorkflowTask(name = \"" + listener + "\") in this "
						+ "application; known tasks are " + applicationTasks(known) + ". Declare a @WorkflowTask "
						+ "method that takes a WorkflowCompletion under that name, fix the name, or, if another "
						+ "application runs the listener, set zk-workflow.workflows.validate-handlers=false here.");
			}
		}
	}

	private static TreeSet<String> applicationTasks(TreeSet<String> known) {
		// the built-in sleep, child-ended, signal-relay and dead-step-relay tasks are always there; listing
		// them would only distract
		TreeSet<String> result = new TreeSet<>(known);
		result.remove(WorkflowDefinition.SLEEP_TASK);
		result.remove(WorkflowDefinition.CHILD_TASK);
		result.remove(SignalRelayTask.NAME);
		result.remove(DeadStepRelayTask.NAME);
		return result;
	}

	public @Nullable WorkflowDefinition get(String name) {
		return this.byName.get(name);
	}

	public Collection<WorkflowDefinition> all() {
		return List.copyOf(this.byName.values());
	}

}
