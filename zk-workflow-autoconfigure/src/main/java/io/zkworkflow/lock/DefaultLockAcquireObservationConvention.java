package io.zkworkflow.lock;

import io.micrometer.common.KeyValues;

/**
 * The default {@link LockAcquireObservationConvention}: observation
 * {@code zk.workflow.lock.acquire}, low-cardinality tags {@code name}, {@code mode} and
 * {@code outcome}. The lock key is no tag; a convention of the application may add it from the
 * context.
 */
public class DefaultLockAcquireObservationConvention implements LockAcquireObservationConvention {

	/** The name of the observation. */
	public static final String NAME = "zk.workflow.lock.acquire";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(LockAcquireContext context) {
		return "acquire " + context.getLockName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LockAcquireContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of("name", context.getLockName(), "mode", context.getMode().name(), "outcome",
				(outcome != null) ? outcome : "unknown");
	}

}
