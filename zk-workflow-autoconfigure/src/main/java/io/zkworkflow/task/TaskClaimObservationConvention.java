package io.zkworkflow.task;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.task.claim} observation. Declare a bean of this type
 * to replace {@link DefaultTaskClaimObservationConvention}, usually by extending it.
 */
public interface TaskClaimObservationConvention extends ObservationConvention<TaskClaimContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskClaimContext;
	}

}
