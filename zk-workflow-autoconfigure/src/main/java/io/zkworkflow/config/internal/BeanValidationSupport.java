package io.zkworkflow.config.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.context.ApplicationContext;

/**
 * {@link ValueValidation} with Bean Validation: constraints on the field (such as
 * {@code @Min}), on the setter's parameter, and on the value's own type.
 */
final class BeanValidationSupport implements ValueValidation {

	private final Validator validator;

	BeanValidationSupport(Validator validator) {
		this.validator = validator;
	}

	/**
	 * Return Bean Validation with the application's validator, or with a default one when a
	 * provider is on the class path; {@link ValueValidation#NONE} without a provider.
	 */
	static ValueValidation from(ApplicationContext context) {
		Validator validator = context.getBeanProvider(Validator.class).getIfUnique();
		if (validator == null) {
			try {
				validator = Validation.buildDefaultValidatorFactory().getValidator();
			}
			catch (RuntimeException ex) {
				return ValueValidation.NONE;
			}
		}
		return new BeanValidationSupport(validator);
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public @Nullable String checkField(Object bean, Field field, @Nullable Object value) {
		Set violations = this.validator.validateValue((Class) field.getDeclaringClass(), field.getName(), value);
		String problem = describe(violations);
		return (problem != null) ? problem : checkObject(value);
	}

	@Override
	public @Nullable String checkParameter(Object bean, Method method, @Nullable Object value) {
		String problem = describe(this.validator.forExecutables().validateParameters(bean, method, new Object[] { value }));
		return (problem != null) ? problem : checkObject(value);
	}

	@Override
	public @Nullable String checkObject(@Nullable Object value) {
		if (value == null || BeanUtils.isSimpleValueType(value.getClass())) {
			return null;
		}
		return describe(this.validator.validate(value));
	}

	private static <T> @Nullable String describe(Set<ConstraintViolation<T>> violations) {
		if (violations.isEmpty()) {
			return null;
		}
		return violations.stream()
			.map((violation) -> {
				String path = violation.getPropertyPath().toString();
				return (path.isEmpty() ? "" : path + " ") + violation.getMessage();
			})
			.sorted()
			.collect(Collectors.joining("; "));
	}

}
