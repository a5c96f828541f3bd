package io.zkworkflow.workflow;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.workflow.end} observation. Declare a bean of this
 * type to replace {@link DefaultWorkflowEndObservationConvention}, usually by extending it.
 */
public interface WorkflowEndObservationConvention extends ObservationConvention<WorkflowEndContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkflowEndContext;
	}

}
