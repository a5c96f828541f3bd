package io.zkworkflow.workflow;

import io.micrometer.common.KeyValues;

/**
 * The default {@link WorkflowStepObservationConvention}: observation
 * {@code zk.workflow.workflow.step}, low-cardinality tags {@code workflow}, {@code step} and
 * {@code outcome} (the step state), high-cardinality tag {@code workflow.id}.
 */
public class DefaultWorkflowStepObservationConvention implements WorkflowStepObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.workflow.step";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WorkflowStepContext context) {
		return "step " + context.getWorkflowName() + "." + context.getStep();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WorkflowStepContext context) {
		return KeyValues.of("workflow", context.getWorkflowName(), "step", context.getStep(), "outcome",
				context.getOutcome().name());
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WorkflowStepContext context) {
		return KeyValues.of("workflow.id", context.getWorkflowId().value());
	}

}
