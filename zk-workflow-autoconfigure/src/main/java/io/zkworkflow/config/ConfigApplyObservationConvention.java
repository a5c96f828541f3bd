package io.zkworkflow.config;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.config.apply} observation. Declare a bean of this type
 * to replace {@link DefaultConfigApplyObservationConvention}, usually by extending it.
 */
public interface ConfigApplyObservationConvention extends ObservationConvention<ConfigApplyContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ConfigApplyContext;
	}

}
