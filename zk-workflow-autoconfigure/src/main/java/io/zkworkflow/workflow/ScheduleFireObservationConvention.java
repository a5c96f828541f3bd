package io.zkworkflow.workflow;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.schedule.fire} observation. Declare a bean of this type
 * to replace {@link DefaultScheduleFireObservationConvention}, usually by extending it.
 */
public interface ScheduleFireObservationConvention extends ObservationConvention<ScheduleFireContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ScheduleFireContext;
	}

}
