package io.zkworkflow.lock;

import io.micrometer.common.KeyValues;

/**
 * The default {@link LockHoldObservationConvention}: observation {@code zk.workflow.lock.hold},
 * low-cardinality tags {@code name}, {@code mode} and {@code outcome}, as
 * {@code zk.workflow.lock.acquire} has. The lock key is no tag, as for every lock measurement (it
 * is often an id from the request); a convention of the application may add it from the context.
 */
public class DefaultLockHoldObservationConvention implements LockHoldObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.lock.hold";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(LockHoldContext context) {
		return "hold " + context.getLockName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LockHoldContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("name", context.getLockName(), "mode", context.getMode().name(), "outcome",
				(outcome != null) ? outcome : "unknown");
	}

}
