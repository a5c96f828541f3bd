package io.zkworkflow.lock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.lock.hold} observation. Declare a bean of this type to
 * replace {@link DefaultLockHoldObservationConvention}, usually by extending it.
 */
public interface LockHoldObservationConvention extends ObservationConvention<LockHoldContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LockHoldContext;
	}

}
