package io.zkworkflow.config.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.zkworkflow.config.ZkValue;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ZkValue} injected into {@code @ZkConfigValue ZkValue<T>} fields: a volatile
 * reference replaced whole on every accepted change.
 *
 * @param <T> the value type
 */
final class LiveValue<T> implements ZkValue<T> {

	private final String description;

	private final ListenerDispatcher dispatcher;

	private final List<BiConsumer<@Nullable T, @Nullable T>> callbacks = new CopyOnWriteArrayList<>();

	private volatile @Nullable T value;

	LiveValue(String description, ListenerDispatcher dispatcher) {
		this.description = description;
		this.dispatcher = dispatcher;
	}

	@Override
	public @Nullable T get() {
		return this.value;
	}

	@Override
	public AutoCloseable onChange(BiConsumer<@Nullable T, @Nullable T> callback) {
		this.callbacks.add(callback);
		return () -> this.callbacks.remove(callback);
	}

	void set(@Nullable T newValue) {
		T oldValue = this.value;
		this.value = newValue;
		for (BiConsumer<@Nullable T, @Nullable T> callback : this.callbacks) {
			this.dispatcher.dispatch(callback, "onChange callback of " + this.description,
					() -> callback.accept(oldValue, newValue));
		}
	}

	@Override
	public String toString() {
		return "ZkValue[" + this.description + "]";
	}

}
