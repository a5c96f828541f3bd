package io.zkworkflow.lock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code zk.workflow.lock.acquire} observation. Declare a bean of this type
 * to replace {@link DefaultLockAcquireObservationConvention}, usually by extending it.
 */
public interface LockAcquireObservationConvention extends ObservationConvention<LockAcquireContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LockAcquireContext;
	}

}
