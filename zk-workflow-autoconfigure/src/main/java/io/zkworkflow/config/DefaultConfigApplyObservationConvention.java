package io.zkworkflow.config;

import io.micrometer.common.KeyValues;

/**
 * The default {@link ConfigApplyObservationConvention}: observation
 * {@code zk.workflow.config.apply}, no low-cardinality tags (keys are unbounded), high-cardinality
 * tags {@code config.keys} (the changed keys, comma separated, cut after 200 characters) and
 * {@code config.key.count}.
 */
public class DefaultConfigApplyObservationConvention implements ConfigApplyObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.config.apply";

	private static final int MAX_KEYS_LENGTH = 200;

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ConfigApplyContext context) {
		return "apply config";
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConfigApplyContext context) {
		String keys = String.join(",", context.getKeys());
		if (keys.length() > MAX_KEYS_LENGTH) {
			keys = keys.substring(0, MAX_KEYS_LENGTH) + "...";
		}
		return KeyValues.of("config.keys", keys, "config.key.count", Integer.toString(context.getKeys().size()));
	}

}
