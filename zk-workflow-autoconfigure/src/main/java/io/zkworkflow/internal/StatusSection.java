package io.zkworkflow.internal;

/**
 * One section of the {@code zkworkflow} actuator endpoint (and of the dashboard built on it).
 * Each capability registers a bean that describes its live state: held locks, config keys,
 * task queues, workflows. Implementations must be cheap (no ZooKeeper round trip per call
 * where a cached view exists), mask sensitive values, and return JSON-friendly data (maps,
 * lists, records, strings, numbers).
 */
public interface StatusSection {

	/**
	 * Return the section's name, a stable JSON key such as {@code locks} or {@code tasks}.
	 * @return the section name
	 */
	String sectionName();

	/**
	 * Return a snapshot of the section's state.
	 * @return JSON-friendly data
	 */
	Object snapshot();

	/**
	 * Return a snapshot of the section's state for a caller who may see configuration values
	 * as {@code disclosure} says. Sections without such values return {@link #snapshot()}.
	 * @param disclosure what the caller may see of values
	 * @return JSON-friendly data
	 */
	default Object snapshot(ValueDisclosure disclosure) {
		return snapshot();
	}

}
