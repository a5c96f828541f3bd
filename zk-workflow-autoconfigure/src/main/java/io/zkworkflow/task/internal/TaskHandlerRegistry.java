package io.zkworkflow.task.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.task.TaskDeclarations;
import io.zkworkflow.task.WorkflowTask;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The {@code @WorkflowTask} handlers of this application, by name. A name declared twice
 * fails startup, naming both methods.
 */
public final class TaskHandlerRegistry implements TaskDeclarations {

	private final Map<String, TaskDefinition> byName = new ConcurrentHashMap<>();

	void register(TaskDefinition definition) {
		TaskDefinition previous = this.byName.putIfAbsent(definition.name(), definition);
		if (previous != null && !previous.method().equals(definition.method())) {
			throw new IllegalStateException("@WorkflowTask name '" + definition.name() + "' is declared twice: on "
					+ previous.describe() + " and on " + definition.describe()
					+ ". Task names must be unique within an application; rename one of them.");
		}
	}

	public Collection<TaskDefinition> all() {
		return List.copyOf(this.byName.values());
	}

	public @Nullable TaskDefinition get(String name) {
		return this.byName.get(name);
	}

	@Override
	public List<DeclaredTask> declared() {
		return this.byName.values().stream().map(TaskHandlerRegistry::declaration).toList();
	}

	private static DeclaredTask declaration(TaskDefinition definition) {
		WorkflowTask annotation = AnnotatedElementUtils.findMergedAnnotation(definition.method(), WorkflowTask.class);
		String cron = (annotation != null) ? annotation.cron() : "";
		String zone = (annotation != null) ? annotation.zone() : "";
		return new DeclaredTask(definition.name(), definition.describe(), cron, zone);
	}

}
