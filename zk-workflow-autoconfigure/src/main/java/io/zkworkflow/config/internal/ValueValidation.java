package io.zkworkflow.config.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Validates a converted value against the constraints declared on its injection point or type
 * (Bean Validation, when present).
 */
interface ValueValidation {

	/** Validation that accepts everything, used without Bean Validation. */
	ValueValidation NONE = new ValueValidation() {
	};

	default @Nullable String checkField(Object bean, Field field, @Nullable Object value) {
		return null;
	}

	default @Nullable String checkParameter(Object bean, Method method, @Nullable Object value) {
		return null;
	}

	default @Nullable String checkObject(@Nullable Object value) {
		return null;
	}

}
