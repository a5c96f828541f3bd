package io.zkworkflow.task;

import io.micrometer.common.KeyValues;

/**
 * The default {@link TaskAttemptObservationConvention}: observation
 * {@code zk.workflow.task.attempt}, low-cardinality tags {@code name} (the task name) and
 * {@code outcome}, high-cardinality tags {@code task.id} and {@code attempt}.
 */
public class DefaultTaskAttemptObservationConvention implements TaskAttemptObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.task.attempt";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(TaskAttemptContext context) {
		return "run " + context.getTaskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(TaskAttemptContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("name", context.getTaskName(), "outcome", (outcome != null) ? outcome : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(TaskAttemptContext context) {
		return KeyValues.of("task.id", context.getTaskId().toString(), "attempt",
				Integer.toString(context.getAttempt()));
	}

}
