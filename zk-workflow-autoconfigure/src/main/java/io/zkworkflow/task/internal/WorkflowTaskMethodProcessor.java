package io.zkworkflow.task.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;

import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringValueResolver;

/**
 * Finds {@code @WorkflowTask} methods on beans and registers them, failing startup with a
 * message naming the method when a declaration is invalid.
 */
public final class WorkflowTaskMethodProcessor implements BeanPostProcessor, EmbeddedValueResolverAware {

	private final TaskHandlerRegistry registry;

	private @Nullable StringValueResolver resolver;

	public WorkflowTaskMethodProcessor(TaskHandlerRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void setEmbeddedValueResolver(StringValueResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		Map<Method, WorkflowTask> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<WorkflowTask>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, WorkflowTask.class));
		methods.forEach((method, annotation) -> this.registry.register(define(bean, method, annotation)));
		return bean;
	}

	private TaskDefinition define(Object bean, Method method, WorkflowTask annotation) {
		String where = " on " + TaskDefinition.describe(method);
		String name = resolve(annotation.name());
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new IllegalStateException("@WorkflowTask name '" + name + "'" + where + " " + problem
					+ "; use a name such as 'send-invoice'.");
		}
		if (annotation.concurrency() < 1) {
			throw new IllegalStateException("@WorkflowTask concurrency " + annotation.concurrency() + where
					+ " must be at least 1.");
		}
		if (annotation.fleetConcurrency() < 0 || annotation.fleetConcurrency() > 10_000) {
			throw new IllegalStateException("@WorkflowTask fleetConcurrency " + annotation.fleetConcurrency() + where
					+ " must be between 1 and 10000, or 0 for no fleet-wide limit.");
		}
		if (annotation.maxAttempts() < 1) {
			throw new IllegalStateException("@WorkflowTask maxAttempts " + annotation.maxAttempts() + where
					+ " must be at least 1.");
		}
		int payloadIndex = -1;
		int contextIndex = -1;
		Class<?>[] types = method.getParameterTypes();
		for (int i = 0; i < types.length; i++) {
			if (TaskContext.class.equals(types[i])) {
				if (contextIndex >= 0) {
					throw new IllegalStateException("@WorkflowTask method" + where.substring(3)
							+ " declares TaskContext twice; declare it at most once.");
				}
				contextIndex = i;
			}
			else if (payloadIndex >= 0) {
				throw new IllegalStateException("@WorkflowTask method" + where.substring(3)
						+ " has more than one payload parameter; declare one payload parameter (bound from the "
						+ "task's JSON) and optionally a TaskContext.");
			}
			else {
				payloadIndex = i;
			}
		}
		Type payloadType = (payloadIndex >= 0) ? method.getGenericParameterTypes()[payloadIndex] : Object.class;
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		return new TaskDefinition(name, bean, invocable, payloadIndex, contextIndex, payloadType,
				annotation.concurrency(), annotation.maxAttempts(), duration("backoff", annotation.backoff(), where),
				duration("maxBackoff", annotation.maxBackoff(), where), duration("timeout", annotation.timeout(), where),
				annotation.fleetConcurrency(), fleetRate(annotation.fleetRate(), where));
	}

	private @Nullable TaskRateLimit fleetRate(String value, String where) {
		String resolved = resolve(value);
		if (resolved.isBlank()) {
			return null;
		}
		try {
			return TaskRateLimit.parse(resolved.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@WorkflowTask fleetRate" + where + ": " + ex.getMessage()
					+ ", or '' for no fleet-wide rate limit.");
		}
	}

	private Duration duration(String attribute, String value, String where) {
		String resolved = resolve(value);
		try {
			Duration duration = DurationStyle.detectAndParse(resolved);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException("must be positive");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@WorkflowTask " + attribute + " '" + resolved + "'" + where
					+ " is not a positive duration (" + ex.getMessage() + "); use a value such as '500ms', '2s' or 'PT1M'.");
		}
	}

	private String resolve(String value) {
		return (this.resolver != null) ? String.valueOf(this.resolver.resolveStringValue(value)) : value;
	}

}
