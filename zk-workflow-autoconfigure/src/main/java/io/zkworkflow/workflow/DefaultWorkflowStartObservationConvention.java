package io.zkworkflow.workflow;

import io.micrometer.common.KeyValues;

/**
 * The default {@link WorkflowStartObservationConvention}: observation
 * {@code zk.workflow.workflow.start}, low-cardinality tags {@code workflow} (the definition's
 * name) and {@code outcome}, high-cardinality tag {@code workflow.id}.
 */
public class DefaultWorkflowStartObservationConvention implements WorkflowStartObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.workflow.start";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WorkflowStartContext context) {
		return "start " + context.getWorkflowName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkflowStartContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("workflow", context.getWorkflowName(), "outcome", (outcome != null) ? outcome : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkflowStartContext context) {
		WorkflowId id = context.getWorkflowId();
		return (id != null) ? KeyValues.of("workflow.id", id.value()) : KeyValues.empty();
	}

}
