package io.zkworkflow.task;

import io.micrometer.common.KeyValues;

/**
 * The default {@link TaskClaimObservationConvention}: observation
 * {@code zk.workflow.task.claim}, low-cardinality tags {@code name} (the task name) and
 * {@code outcome}, high-cardinality tag {@code task.id} (claimed tasks only).
 */
public class DefaultTaskClaimObservationConvention implements TaskClaimObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.task.claim";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TaskClaimContext context) {
		return "claim " + context.getTaskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskClaimContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("name", context.getTaskName(), "outcome", (outcome != null) ? outcome : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskClaimContext context) {
		TaskId id = context.getTaskId();
		return (id != null) ? KeyValues.of("task.id", id.toString()) : KeyValues.empty();
	}

}
