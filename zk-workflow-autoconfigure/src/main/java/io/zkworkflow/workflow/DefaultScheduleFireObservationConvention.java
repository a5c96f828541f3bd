package io.zkworkflow.workflow;

import io.micrometer.common.KeyValues;

/**
 * The default {@link ScheduleFireObservationConvention}: observation
 * {@code zk.workflow.schedule.fire}, low-cardinality tags {@code schedule}, {@code kind},
 * {@code target} and {@code outcome}, high-cardinality tags {@code tick} (the newest due tick)
 * and {@code ticks} (how many were due).
 */
public class DefaultScheduleFireObservationConvention implements ScheduleFireObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.schedule.fire";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(ScheduleFireContext context) {
		return "fire " + context.getScheduleName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ScheduleFireContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("schedule", context.getScheduleName(), "kind", context.getKind(), "target",
				context.getTarget(), "outcome", (outcome != null) ? outcome : "unknown");
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ScheduleFireContext context) {
		KeyValues values = KeyValues.of("ticks", Integer.toString(context.getTicks().size()));
		return context.getTicks().isEmpty() ? values
				: values.and("tick", context.getTicks().get(context.getTicks().size() - 1).toString());
	}

}
