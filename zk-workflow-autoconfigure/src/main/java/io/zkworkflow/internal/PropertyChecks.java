package io.zkworkflow.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Range checks for {@code Duration} properties, called from their setters so that a bad value
 * fails binding with a message naming the property and a valid example.
 */
public final class PropertyChecks {

	private PropertyChecks() {
	}

	/**
	 * Return {@code value} when it is above zero.
	 * @param property the full property name, for the message
	 * @param value the bound value
	 * @param example a valid value to suggest, such as {@code 5s}
	 * @return the value
	 * @throws InvalidConfigurationPropertyValueException when the value is zero or negative
	 */
	public static Duration positive(String property, Duration value, String example) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Must be positive, for example " + example + ".");
		}
		return value;
	}

	/**
	 * Return {@code value} when it is zero or above.
	 * @param property the full property name, for the message
	 * @param value the bound value
	 * @param example a valid value to suggest, such as {@code 10s}
	 * @return the value
	 * @throws InvalidConfigurationPropertyValueException when the value is negative
	 */
	public static Duration notNegative(String property, Duration value, String example) {
		if (value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"Must not be negative; use 0s or, for example, " + example + ".");
		}
		return value;
	}

}
