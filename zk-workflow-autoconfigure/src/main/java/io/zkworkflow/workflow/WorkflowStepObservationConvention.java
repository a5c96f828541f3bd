package io.zkworkflow.workflow;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.workflow.step} observation. Declare a bean of this
 * type to replace {@link DefaultWorkflowStepObservationConvention}, usually by extending it.
 */
public interface WorkflowStepObservationConvention extends ObservationConvention<WorkflowStepContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WorkflowStepContext;
	}

}
