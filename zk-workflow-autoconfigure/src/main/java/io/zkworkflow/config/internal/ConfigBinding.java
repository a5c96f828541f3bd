package io.zkworkflow.config.internal;

import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One injection point fed from configuration: a {@code @ZkConfigValue} field, setter or
 * {@code ZkValue}, or a {@code @Value} field. Preparing converts and validates without side
 * effects; applying only stores the prepared value.
 */
interface ConfigBinding {

	/** Returned by {@link #prepare} when the injection point keeps what it has. */
	Object UNCHANGED = new Object() {
		@Override
		public String toString() {
			return "UNCHANGED";
		}
	};

	/**
	 * Return the keys this injection point reads.
	 * @return the keys (absolute znode paths for exact-znode keys)
	 */
	Set<String> keys();

	/**
	 * Return the bean this injection point belongs to.
	 * @return the bean
	 */
	Object bean();

	/**
	 * Return a readable name such as {@code PricingService.discountRate}.
	 * @return the description
	 */
	String description();

	/**
	 * Convert and validate the value this injection point would get.
	 * @param values the candidate raw values by key ({@code null} when absent)
	 * @return the value to apply, or {@link #UNCHANGED}
	 * @throws RuntimeException with a message saying why the value is refused
	 */
	@Nullable Object prepare(Function<String, @Nullable String> values);

	/**
	 * Return what the injection point gets when its new value is refused.
	 * @return the fallback value, or {@link #UNCHANGED} to keep the last good value
	 */
	default @Nullable Object prepareFallback() {
		return UNCHANGED;
	}

	/**
	 * Store a prepared value.
	 * @param prepared the value from {@link #prepare} or {@link #prepareFallback}
	 */
	void apply(@Nullable Object prepared);

}
