package io.zkworkflow.config;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.config.reject} observation. Declare a bean of this type
 * to replace {@link DefaultConfigRejectObservationConvention}, usually by extending it.
 */
public interface ConfigRejectObservationConvention extends ObservationConvention<ConfigRejectContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ConfigRejectContext;
	}

}
