package io.zkworkflow.config.internal;

import java.time.Duration;
import java.time.Period;
import java.time.temporal.Temporal;
import java.util.Collection;

import io.zkworkflow.config.ZkConfigValue.Format;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.util.unit.DataSize;

/**
 * Turns raw znode text into typed values and back: Spring's {@link ConversionService} for
 * plain values, the application's Jackson 3 mapper for JSON and generic types.
 */
public final class ValueConverter {

	private static final TypeDescriptor STRING = TypeDescriptor.valueOf(String.class);

	private final ConversionService conversionService;

	private final JsonMapper jsonMapper;

	public ValueConverter(ConversionService conversionService, JsonMapper jsonMapper) {
		this.conversionService = conversionService;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Convert raw text to the target type.
	 * @param raw the text
	 * @param target the target type
	 * @param format how to read the text
	 * @return the value
	 * @throws IllegalArgumentException naming the value and the type when it cannot convert
	 */
	public @Nullable Object fromText(String raw, TypeDescriptor target, Format format) {
		Class<?> type = target.getType();
		boolean json = switch (format) {
			case JSON -> true;
			case TEXT -> false;
			case AUTO -> type != String.class && (looksLikeJson(raw) || !this.conversionService.canConvert(STRING, target));
		};
		Object value;
		try {
			value = json ? this.jsonMapper.readValue(raw, this.jsonMapper.constructType(target.getResolvableType().getType()))
					: this.conversionService.convert(raw, STRING, target);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("cannot convert '" + abbreviate(raw) + "' to " + target + " ("
					+ (json ? "JSON" : "text") + "): " + rootMessage(ex), ex);
		}
		if (value == null && type.isPrimitive()) {
			throw new IllegalArgumentException("an empty value cannot be a " + type.getName());
		}
		return value;
	}

	/**
	 * Turn a value to publish into znode text: plain values as text, everything else as JSON.
	 * @param value the value
	 * @return the text
	 */
	public String toText(Object value) {
		if (value instanceof String text) {
			return text;
		}
		Class<?> type = value.getClass();
		if (BeanUtils.isSimpleValueType(type) || value instanceof Duration || value instanceof Period
				|| value instanceof DataSize || value instanceof Temporal) {
			String text = this.conversionService.convert(value, String.class);
			return (text != null) ? text : value.toString();
		}
		if (value instanceof Collection<?> collection
				&& collection.stream().allMatch((item) -> item != null && BeanUtils.isSimpleValueType(item.getClass()))) {
			String text = this.conversionService.convert(value, String.class);
			return (text != null) ? text : value.toString();
		}
		return this.jsonMapper.writeValueAsString(value);
	}

	private static boolean looksLikeJson(String raw) {
		String trimmed = raw.stripLeading();
		return trimmed.startsWith("{") || trimmed.startsWith("[");
	}

	static String rootMessage(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = cause.getMessage();
		return (message != null) ? message.lines().findFirst().orElse(message) : cause.getClass().getSimpleName();
	}

	private static String abbreviate(String raw) {
		return (raw.length() > 80) ? raw.substring(0, 77) + "..." : raw;
	}

}
