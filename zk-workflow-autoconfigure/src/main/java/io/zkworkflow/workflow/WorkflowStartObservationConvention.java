package io.zkworkflow.workflow;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.workflow.start} observation. Declare a bean of this
 * type to replace {@link DefaultWorkflowStartObservationConvention}, usually by extending it.
 */
public interface WorkflowStartObservationConvention extends ObservationConvention<WorkflowStartContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkflowStartContext;
	}

}
