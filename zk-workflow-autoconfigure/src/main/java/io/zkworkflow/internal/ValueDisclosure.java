package io.zkworkflow.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a status section may show of a configuration value to the caller at hand: the value,
 * a sanitized form of it, or a mask. The actuator decides it per request, as Spring Boot's
 * {@code /env} does with {@code show-values}.
 */
@FunctionalInterface
public interface ValueDisclosure {

	/** Shows nothing of any value. */
	ValueDisclosure NONE = (key, value) -> (value != null) ? SanitizedText.MASK : null;

	/**
	 * Return what to show of {@code value}, the value of configuration key {@code key}.
	 * @param key the key
	 * @param value the value, or {@code null}
	 * @return what to show, or {@code null} for no value
	 */
	@Nullable String show(String key, @Nullable String value);

}
