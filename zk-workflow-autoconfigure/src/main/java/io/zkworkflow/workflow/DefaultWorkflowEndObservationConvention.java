package io.zkworkflow.workflow;

import io.micrometer.common.KeyValues;

/**
 * The default {@link WorkflowEndObservationConvention}: observation
 * {@code zk.workflow.workflow.end}, low-cardinality tags {@code workflow} and {@code outcome}
 * (the final state), high-cardinality tag {@code workflow.id}.
 */
public class DefaultWorkflowEndObservationConvention implements WorkflowEndObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.workflow.end";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WorkflowEndContext context) {
		return "end " + context.getWorkflowName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkflowEndContext context) {
		return KeyValues.of("workflow", context.getWorkflowName(), "outcome", context.getOutcome().name());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkflowEndContext context) {
		return KeyValues.of("workflow.id", context.getWorkflowId().value());
	}

}
