package io.zkworkflow.config.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import io.zkworkflow.config.ZkConfigChangeEvent;

import org.springframework.util.ReflectionUtils;

/**
 * A {@code @ZkConfigListener} method of a bean.
 */
final class ListenerMethod {

	private final Object bean;

	private final Method method;

	private final List<String> prefixes;

	ListenerMethod(Object bean, Method method, List<String> prefixes) {
		this.bean = bean;
		this.method = method;
		this.prefixes = List.copyOf(prefixes);
		ReflectionUtils.makeAccessible(method);
	}

	Object bean() {
		return this.bean;
	}

	boolean accepts(String key) {
		return this.prefixes.isEmpty() || this.prefixes.stream().anyMatch(key::startsWith);
	}

	String description() {
		return "@ZkConfigListener " + this.bean.getClass().getSimpleName() + "." + this.method.getName();
	}

	void invoke(ZkConfigChangeEvent event) {
		try {
			this.method.invoke(this.bean, event);
		}
		catch (InvocationTargetException ex) {
			Throwable target = ex.getTargetException();
			if (target instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(description() + " failed", target);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
