package io.zkworkflow.config.internal;

/**
 * Metrics of the apply pipeline; a no-op unless Micrometer is present.
 */
public interface ConfigMetrics {

	/** Metrics that record nothing. */
	ConfigMetrics NONE = new ConfigMetrics() {
	};

	/**
	 * Record accepted updates.
	 * @param keys how many keys were applied
	 * @param latencyNanos time from the ZooKeeper event to the values being applied
	 */
	default void applied(int keys, long latencyNanos) {
	}

	/**
	 * Record one refused update.
	 */
	default void rejected() {
	}

}
