package io.zkworkflow.config.internal;

import java.util.List;

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

	/**
	 * Record one refused update, with what the {@code zk.workflow.config.reject} observation
	 * needs; counts it as {@link #rejected()} does.
	 * @param key the refused key (the znode path for a document)
	 * @param znodePath the znode holding it
	 * @param znodeVersion the refused version
	 * @param reason why it was refused
	 * @param unreadable whether the znode could not be read as configuration at all
	 */
	default void rejected(String key, String znodePath, int znodeVersion, String reason, boolean unreadable) {
		rejected();
	}

	/**
	 * Start the {@code zk.workflow.config.apply} observation, current on the calling thread
	 * until stopped there.
	 * @param keys the changed keys, sorted
	 * @return what stops it
	 */
	default Apply startApply(List<String> keys) {
		return Apply.NONE;
	}

	/** Changes being applied. */
	@FunctionalInterface
	interface Apply {

		/** Observes nothing. */
		Apply NONE = () -> {
		};

		/** The changes were applied; call on the thread that started it. */
		void stop();

	}

}
