package io.zkworkflow.lock.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.lock.LockFailureHandler;
import io.zkworkflow.lock.LockMode;
import io.zkworkflow.lock.OnLockFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.PropertyResolver;
import org.springframework.expression.Expression;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Turns {@link DistributedLocked} declarations into checked {@link LockDefinition}s, once per
 * method. Every problem is reported naming the class, the method and the bad value.
 */
public final class LockDefinitions {

	private static final LockDefinition NONE = new LockDefinition("", "none", null, LockMode.EXCLUSIVE, 1,
			Duration.ZERO, Duration.ZERO, null, OnLockFailure.THROW, null, io.zkworkflow.lock.OnLockLost.FAIL,
			ReturnKind.VALUE);

	private final PropertyResolver properties;

	private final Duration defaultWaitTime;

	private final Duration defaultMinHoldTime;

	private final @Nullable Duration defaultMaxHoldTime;

	private final @Nullable BeanFactory beanFactory;

	private final LockKeyResolver keys;

	private final Map<MethodClassKey, LockDefinition> definitions = new ConcurrentHashMap<>();

	public LockDefinitions(PropertyResolver properties, Duration defaultWaitTime, Duration defaultMinHoldTime,
			@Nullable Duration defaultMaxHoldTime, @Nullable BeanFactory beanFactory) {
		this.properties = properties;
		this.defaultWaitTime = defaultWaitTime;
		this.defaultMinHoldTime = defaultMinHoldTime;
		this.defaultMaxHoldTime = defaultMaxHoldTime;
		this.beanFactory = beanFactory;
		this.keys = new LockKeyResolver(beanFactory);
	}

	/**
	 * Return the definition of a method, or {@code null} when it is not annotated.
	 * @param method the most specific method
	 * @param targetClass the bean's class
	 * @return the definition
	 * @throws IllegalStateException when the declaration is invalid
	 */
	@Nullable LockDefinition get(Method method, Class<?> targetClass) {
		LockDefinition definition = this.definitions.computeIfAbsent(new MethodClassKey(method, targetClass),
				(key) -> {
					DistributedLocked locked = AnnotatedElementUtils.findMergedAnnotation(method, DistributedLocked.class);
					return (locked != null) ? create(locked, method, targetClass) : NONE;
				});
		return (definition != NONE) ? definition : null;
	}

	/**
	 * Check a method's declaration now (at startup).
	 * @param method the annotated method
	 * @param targetClass the bean's class
	 * @throws IllegalStateException when the declaration is invalid
	 */
	public void check(Method method, Class<?> targetClass) {
		get(method, targetClass);
	}

	String resolveKey(LockDefinition definition, Method method, Object[] args, Object target, Class<?> targetClass) {
		Expression key = definition.key();
		return (key != null) ? this.keys.resolve(key, definition.where(), method, args, target, targetClass) : null;
	}

	private LockDefinition create(DistributedLocked locked, Method method, Class<?> targetClass) {
		String where = ClassUtils.getShortName(targetClass) + "#" + method.getName() + "("
				+ Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
				+ ")";
		try {
			return define(locked, method, targetClass, where);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@DistributedLocked on " + where + ": " + ex.getMessage(), ex);
		}
	}

	private LockDefinition define(DistributedLocked locked, Method method, Class<?> targetClass, String where) {
		String name = locked.name().isEmpty() ? ClassUtils.getShortName(targetClass).replace('.', '_') + "."
				+ method.getName() : this.properties.resolveRequiredPlaceholders(locked.name());
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new IllegalArgumentException("name '" + name + "' " + problem);
		}
		Expression key = locked.key().isEmpty() ? null : this.keys.parse(locked.key(), method);
		if (locked.mode() == LockMode.SEMAPHORE && locked.permits() < 1) {
			throw new IllegalArgumentException("permits must be at least 1 for SEMAPHORE, not " + locked.permits());
		}
		if (locked.mode() != LockMode.SEMAPHORE && locked.permits() != 1) {
			throw new IllegalArgumentException("permits = " + locked.permits() + " only applies to mode = SEMAPHORE");
		}
		Duration waitTime = duration("waitTime", locked.waitTime(), this.defaultWaitTime);
		Duration minHoldTime = duration("minHoldTime", locked.minHoldTime(), this.defaultMinHoldTime);
		Duration maxHoldTime = duration("maxHoldTime", locked.maxHoldTime(), this.defaultMaxHoldTime);
		if (maxHoldTime != null && maxHoldTime.isZero()) {
			maxHoldTime = null;
		}
		if (maxHoldTime != null && maxHoldTime.compareTo(minHoldTime) <= 0) {
			throw new IllegalArgumentException("maxHoldTime " + maxHoldTime + " must be longer than minHoldTime "
					+ minHoldTime);
		}
		ReturnKind returnKind = ReturnKind.of(method);
		if (returnKind == ReturnKind.COMPLETION_STAGE
				&& !method.getReturnType().isAssignableFrom(java.util.concurrent.CompletableFuture.class)) {
			throw new IllegalArgumentException("asynchronous methods must return CompletionStage or CompletableFuture, not "
					+ method.getReturnType().getName());
		}
		if (locked.onFailure() == OnLockFailure.SKIP && returnKind == ReturnKind.PRIMITIVE) {
			throw new IllegalArgumentException("onFailure = SKIP cannot skip a method returning "
					+ method.getReturnType() + " (there is no empty value); return a wrapper type or Optional, or use "
					+ "THROW or FALLBACK");
		}
		Method fallback = (locked.onFailure() == OnLockFailure.FALLBACK) ? fallback(locked, method, targetClass) : null;
		return new LockDefinition(where, name, key, locked.mode(), locked.permits(), waitTime, minHoldTime, maxHoldTime,
				locked.onFailure(), fallback, locked.onLockLost(), returnKind);
	}

	private @Nullable Method fallback(DistributedLocked locked, Method method, Class<?> targetClass) {
		if (locked.fallbackMethod().isEmpty()) {
			if (this.beanFactory instanceof ListableBeanFactory listable
					&& BeanFactoryUtils.beanNamesForTypeIncludingAncestors(listable, LockFailureHandler.class).length == 0) {
				throw new IllegalArgumentException("onFailure = FALLBACK needs fallbackMethod = \"...\" (a method of "
						+ ClassUtils.getShortName(targetClass) + " with the same parameters) or a LockFailureHandler bean");
			}
			return null;
		}
		Method fallback = ReflectionUtils.findMethod(targetClass, locked.fallbackMethod(), method.getParameterTypes());
		if (fallback == null) {
			throw new IllegalArgumentException("fallbackMethod '" + locked.fallbackMethod() + "' not found: declare "
					+ locked.fallbackMethod() + "(" + Arrays.stream(method.getParameterTypes())
						.map(Class::getSimpleName)
						.collect(Collectors.joining(", "))
					+ ") on " + ClassUtils.getShortName(targetClass));
		}
		if (!ClassUtils.isAssignable(method.getReturnType(), fallback.getReturnType())) {
			throw new IllegalArgumentException("fallbackMethod '" + locked.fallbackMethod() + "' returns "
					+ fallback.getReturnType().getSimpleName() + " but the locked method returns "
					+ method.getReturnType().getSimpleName());
		}
		ReflectionUtils.makeAccessible(fallback);
		return fallback;
	}

	private @Nullable Duration duration(String attribute, String value, @Nullable Duration fallback) {
		if (value.isEmpty()) {
			return fallback;
		}
		String resolved;
		try {
			resolved = this.properties.resolveRequiredPlaceholders(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(attribute + " '" + value + "': " + ex.getMessage());
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(resolved.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(attribute + " '" + value + "'"
					+ (resolved.equals(value) ? "" : " (resolved to '" + resolved + "')")
					+ " is not a duration; use for example '10s', '500ms' or 'PT1M'");
		}
		if (duration.isNegative()) {
			throw new IllegalArgumentException(attribute + " '" + value + "' must not be negative");
		}
		return duration;
	}

}
