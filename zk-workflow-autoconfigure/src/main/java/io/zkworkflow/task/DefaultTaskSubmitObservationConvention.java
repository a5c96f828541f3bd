package io.zkworkflow.task;

import io.micrometer.common.KeyValues;

/**
 * The default {@link TaskSubmitObservationConvention}: observation
 * {@code zk.workflow.task.submit}, low-cardinality tags {@code name} (the task name) and
 * {@code outcome}, high-cardinality tag {@code task.id}.
 */
public class DefaultTaskSubmitObservationConvention implements TaskSubmitObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.task.submit";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TaskSubmitContext context) {
		return "submit " + context.getTaskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskSubmitContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("name", context.getTaskName(), "outcome", (outcome != null) ? outcome : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskSubmitContext context) {
		TaskId id = context.getTaskId();
		return (id != null) ? KeyValues.of("task.id", id.toString()) : KeyValues.empty();
	}

}
