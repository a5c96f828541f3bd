package io.zkworkflow.config;

import java.util.List;

import io.micrometer.observation.Observation;

/**
 * Context of the {@code zk.workflow.config.apply} observation: one set of changed keys being
 * applied on this instance (injection points bound, the property source updated, listeners
 * told). Listeners run inside it, so what they observe is its child.
 */
public final class ConfigApplyContext extends Observation.Context {

	private final List<String> keys;

	/**
	 * Create a context for applying the changed keys.
	 * @param keys the changed keys, sorted
	 */
	public ConfigApplyContext(List<String> keys) {
		this.keys = List.copyOf(keys);
	}

	/**
	 * The changed keys being applied, sorted.
	 * @return the keys
	 */
	public List<String> getKeys() {
		return this.keys;
	}

}
