package io.zkworkflow.task.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.zkworkflow.task.TaskContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * One {@code @WorkflowTask} handler, validated: name, limits and how to call it.
 *
 * @param name the task name
 * @param bean the bean to call (possibly a proxy)
 * @param method the method to call on the bean
 * @param payloadIndex the payload parameter's position, -1 if none
 * @param contextIndex the {@link TaskContext} parameter's position, -1 if none
 * @param payloadType the payload's generic type
 * @param concurrency handler slots per instance
 * @param maxAttempts attempt budget
 * @param backoff first retry delay
 * @param maxBackoff largest retry delay
 * @param timeout attempt timeout
 * @param fleetConcurrency attempts of this name running at once across all instances, 0 for no limit
 * @param fleetRate attempts of this name started per period across all instances, {@code null} for no limit
 */
public record TaskDefinition(String name, Object bean, Method method, int payloadIndex, int contextIndex,
		Type payloadType, int concurrency, int maxAttempts, Duration backoff, Duration maxBackoff, Duration timeout,
		int fleetConcurrency, @Nullable TaskRateLimit fleetRate) {

	/**
	 * Return {@code Class#method(ParamTypes)} for messages.
	 * @return a description of the handler method
	 */
	public String describe() {
		return describe(this.method);
	}

	static String describe(Method method) {
		return ClassUtils.getUserClass(method.getDeclaringClass()).getSimpleName() + "#" + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
	}

	@Nullable Object invoke(@Nullable Object payload, TaskContext context) throws Throwable {
		Object[] args = new Object[this.method.getParameterCount()];
		if (this.payloadIndex >= 0) {
			args[this.payloadIndex] = payload;
		}
		if (this.contextIndex >= 0) {
			args[this.contextIndex] = context;
		}
		try {
			return this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

}
