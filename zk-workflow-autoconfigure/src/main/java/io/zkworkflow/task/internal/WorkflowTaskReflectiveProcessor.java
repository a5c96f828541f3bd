package io.zkworkflow.task.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskContext;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * Hints for a {@code @WorkflowTask} method, found on beans by Spring's AOT engine: the engine
 * invokes the method reflectively, and Jackson binds its payload from JSON and its result to
 * JSON with the application's mapper.
 */
public final class WorkflowTaskReflectiveProcessor extends SimpleReflectiveProcessor {

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	protected void registerMethodHint(ReflectionHints hints, Method method) {
		hints.registerMethod(method, ExecutableMode.INVOKE);
		List<Type> bound = new ArrayList<>();
		Class<?>[] types = method.getParameterTypes();
		Type[] generic = method.getGenericParameterTypes();
		for (int i = 0; i < types.length; i++) {
			if (!TaskContext.class.equals(types[i])) {
				bound.add(generic[i]);
			}
		}
		if (!void.class.equals(method.getReturnType())) {
			bound.add(method.getGenericReturnType());
		}
		this.bindings.registerReflectionHints(hints, bound.toArray(Type[]::new));
	}

}
