package io.zkworkflow.config.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The injection points fed from configuration, by the key they read.
 */
final class ConfigBindings {

	private final Map<String, List<ConfigBinding>> byKey = new ConcurrentHashMap<>();

	void add(ConfigBinding binding) {
		for (String key : binding.keys()) {
			this.byKey.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(binding);
		}
	}

	void remove(Object bean) {
		this.byKey.values().forEach((list) -> list.removeIf((binding) -> binding.bean() == bean));
	}

	boolean has(Object bean) {
		return this.byKey.values().stream().anyMatch((list) -> list.stream().anyMatch((binding) -> binding.bean() == bean));
	}

	List<ConfigBinding> forKey(String key) {
		return this.byKey.getOrDefault(key, List.of());
	}

	/**
	 * Return every binding by key; the lists may be empty once their beans are gone.
	 * @return the live view
	 */
	Map<String, List<ConfigBinding>> byKey() {
		return this.byKey;
	}

}
