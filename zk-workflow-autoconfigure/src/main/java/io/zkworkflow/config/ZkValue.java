package io.zkworkflow.config;

import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A live, typed configuration value. Declare a field of this type with {@link ZkConfigValue}
 * and it is injected at startup; each accepted change replaces the value atomically, so
 * {@link #get()} never returns a half-built object, from any thread.
 *
 * @param <T> the value type
 */
public interface ZkValue<T> {

	/**
	 * Return the current value.
	 * @return the value, or {@code null} when the key has no value and no default
	 */
	@Nullable T get();

	/**
	 * Return the current value, or {@code fallback} when there is none.
	 * @param fallback the value to return when there is no value
	 * @return the value or the fallback
	 */
	default T getOrElse(T fallback) {
		T value = get();
		return (value != null) ? value : fallback;
	}

	/**
	 * Register a callback run after every accepted change with the old and new values. Callbacks
	 * run off the apply thread, with a timeout ({@code zk-workflow.config.listener-timeout}).
	 * @param callback receives the old and the new value
	 * @return a handle that removes the callback when closed
	 */
	AutoCloseable onChange(BiConsumer<@Nullable T, @Nullable T> callback);

}
