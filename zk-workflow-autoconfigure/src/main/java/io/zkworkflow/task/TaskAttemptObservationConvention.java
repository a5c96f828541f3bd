package io.zkworkflow.task;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.task.attempt} observation. Declare a bean of this type
 * to replace {@link DefaultTaskAttemptObservationConvention}, usually by extending it.
 */
public interface TaskAttemptObservationConvention extends ObservationConvention<TaskAttemptContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof TaskAttemptContext;
	}

}
