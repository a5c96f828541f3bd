package io.zkworkflow.task.internal;

import java.util.Map;

/**
 * The data of a member node: the task names an instance serves and its free capacity.
 *
 * @param instanceId the instance
 * @param tasks per served name, its concurrency and the slots free when last updated
 */
public record MemberRecord(String instanceId, Map<String, Capacity> tasks) {

	/**
	 * Capacity of one instance for one task name.
	 *
	 * @param concurrency handler slots
	 * @param free slots not running a task
	 */
	public record Capacity(int concurrency, int free) {
	}

}
