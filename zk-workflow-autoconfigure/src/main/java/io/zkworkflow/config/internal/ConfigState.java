package io.zkworkflow.config.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The applied state: the last accepted entry of every key, where it came from, and per key the
 * last change and rejection. Written by the apply pipeline under {@link #lock()}, read by
 * anyone.
 */
final class ConfigState {

	private final Object lock = new Object();

	private volatile Map<String, RawEntry> applied = Map.of();

	private volatile ConfigSource source = ConfigSource.ZOOKEEPER;

	private final Map<String, KeyStatus> statuses = new ConcurrentHashMap<>();

	private final Set<String> fellBack = ConcurrentHashMap.newKeySet();

	/**
	 * Return the monitor held while the state changes and while an injection point is bound,
	 * so that no injection point misses a change.
	 * @return the monitor
	 */
	Object lock() {
		return this.lock;
	}

	Map<String, RawEntry> applied() {
		return this.applied;
	}

	void applied(Map<String, RawEntry> entries) {
		this.applied = Map.copyOf(entries);
	}

	ConfigSource source() {
		return this.source;
	}

	void source(ConfigSource source) {
		this.source = source;
	}

	Map<String, KeyStatus> statuses() {
		return this.statuses;
	}

	KeyStatus status(String key) {
		return this.statuses.computeIfAbsent(key, (k) -> new KeyStatus());
	}

	/**
	 * Return the keys whose injection points fell back to their default after a refused value:
	 * they are retried on the next change even when their raw value did not change.
	 * @return the keys, modifiable
	 */
	Set<String> fellBack() {
		return this.fellBack;
	}

}
