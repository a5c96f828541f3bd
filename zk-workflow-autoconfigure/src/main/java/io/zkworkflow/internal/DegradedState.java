package io.zkworkflow.internal;

import org.jspecify.annotations.Nullable;

/**
 * A capability that can run degraded (for example on configuration from the snapshot file
 * while ZooKeeper was unreachable) tells the {@code zkworkflow} health indicator so.
 */
public interface DegradedState {

	/**
	 * Return why the capability is degraded, or {@code null} when it is not.
	 * @return the reason, or {@code null}
	 */
	@Nullable String degradedReason();

}
