package io.zkworkflow.config;

import io.micrometer.common.KeyValues;

/**
 * The default {@link ConfigRejectObservationConvention}: observation
 * {@code zk.workflow.config.reject}, low-cardinality tag {@code kind} ({@code invalid} for a
 * refused value, {@code unreadable} for a znode that is no configuration), high-cardinality tags
 * {@code config.key} and {@code znode.version}. The reason is no tag: it may quote the value.
 */
public class DefaultConfigRejectObservationConvention implements ConfigRejectObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.config.reject";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ConfigRejectContext context) {
		return "reject config";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ConfigRejectContext context) {
		return KeyValues.of("kind", context.isUnreadable() ? "unreadable" : "invalid");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConfigRejectContext context) {
		return KeyValues.of("config.key", context.getKey(), "znode.version",
				Integer.toString(context.getZnodeVersion()));
	}

}
