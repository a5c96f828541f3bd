package io.zkworkflow.task;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.task.submit} observation. Declare a bean of this type
 * to replace {@link DefaultTaskSubmitObservationConvention}, usually by extending it.
 */
public interface TaskSubmitObservationConvention extends ObservationConvention<TaskSubmitContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskSubmitContext;
	}

}
