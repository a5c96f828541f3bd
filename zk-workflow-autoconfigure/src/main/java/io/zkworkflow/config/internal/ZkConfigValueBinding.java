package io.zkworkflow.config.internal;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.function.Function;

import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.config.ZkConfigValue.OnDelete;
import io.zkworkflow.config.ZkConfigValue.OnInvalid;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.ReflectionUtils;

/**
 * A {@link ZkConfigValue} field, single-argument method or {@code ZkValue} field.
 */
final class ZkConfigValueBinding implements ConfigBinding {

	enum Kind {

		FIELD, METHOD, ZK_VALUE

	}

	private final Kind kind;

	private final Object bean;

	private final Field field;

	private final Method method;

	private final ZkConfigValue annotation;

	private final String key;

	private final TypeDescriptor target;

	private final ValueConverter converter;

	private final ValueValidation validation;

	private final @Nullable LiveValue<Object> liveValue;

	private volatile boolean hasValue;

	@SuppressWarnings("NullAway")
	ZkConfigValueBinding(Kind kind, Object bean, @Nullable Field field, @Nullable Method method, ZkConfigValue annotation,
			ValueConverter converter, ValueValidation validation, ListenerDispatcher dispatcher) {
		this.kind = kind;
		this.bean = bean;
		this.field = field;
		this.method = method;
		this.annotation = annotation;
		this.key = annotation.key();
		this.converter = converter;
		this.validation = validation;
		this.target = switch (kind) {
			case FIELD -> new TypeDescriptor(field);
			case METHOD -> new TypeDescriptor(new org.springframework.core.MethodParameter(method, 0));
			case ZK_VALUE -> new TypeDescriptor(ResolvableType.forField(field).as(io.zkworkflow.config.ZkValue.class).getGeneric(0), null, null);
		};
		if (kind == Kind.ZK_VALUE) {
			this.liveValue = new LiveValue<>(description(), dispatcher);
			ReflectionUtils.makeAccessible(field);
			ReflectionUtils.setField(field, bean, this.liveValue);
		}
		else {
			this.liveValue = null;
			if (kind == Kind.FIELD) {
				ReflectionUtils.makeAccessible(field);
			}
			else {
				ReflectionUtils.makeAccessible(method);
			}
		}
	}

	@Override
	public Set<String> keys() {
		return Set.of(this.key);
	}

	String key() {
		return this.key;
	}

	ZkConfigValue annotation() {
		return this.annotation;
	}

	boolean hasDefault() {
		return !ZkConfigValue.NO_DEFAULT.equals(this.annotation.defaultValue());
	}

	@Override
	public Object bean() {
		return this.bean;
	}

	@Override
	public String description() {
		String owner = this.bean.getClass().getSimpleName();
		return switch (this.kind) {
			case FIELD, ZK_VALUE -> owner + "." + this.field.getName();
			case METHOD -> owner + "." + this.method.getName() + "(" + this.target.getType().getSimpleName() + ")";
		};
	}

	@Override
	public @Nullable Object prepare(Function<String, @Nullable String> values) {
		String raw = values.apply(this.key);
		if (raw == null) {
			if (this.annotation.onDelete() == OnDelete.KEEP_LAST_GOOD && this.hasValue) {
				return UNCHANGED;
			}
			return defaultValue();
		}
		return convertAndValidate(raw);
	}

	@Override
	public @Nullable Object prepareFallback() {
		if (this.annotation.onInvalid() == OnInvalid.USE_DEFAULT || !this.hasValue) {
			return defaultValue();
		}
		return UNCHANGED;
	}

	private @Nullable Object defaultValue() {
		if (hasDefault()) {
			return convertAndValidate(this.annotation.defaultValue());
		}
		return (this.target.isPrimitive()) ? UNCHANGED : null;
	}

	private @Nullable Object convertAndValidate(String raw) {
		Object value = this.converter.fromText(raw, this.target, this.annotation.format());
		String problem = switch (this.kind) {
			case FIELD -> this.validation.checkField(this.bean, this.field, value);
			case METHOD -> this.validation.checkParameter(this.bean, this.method, value);
			case ZK_VALUE -> this.validation.checkObject(value);
		};
		if (problem != null) {
			throw new IllegalArgumentException("fails validation: " + problem);
		}
		return value;
	}

	@Override
	public void apply(@Nullable Object prepared) {
		if (prepared == UNCHANGED) {
			return;
		}
		switch (this.kind) {
			case FIELD -> ReflectionUtils.setField(this.field, this.bean, prepared);
			case ZK_VALUE -> this.liveValue.set(prepared);
			case METHOD -> invoke(prepared);
		}
		this.hasValue = true;
	}

	private void invoke(@Nullable Object prepared) {
		try {
			this.method.invoke(this.bean, prepared);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(description() + " threw " + ex.getTargetException(), ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
