package io.zkworkflow.task.internal;

/**
 * The data of a run node: who claimed a task, when, and the limits of the handler that
 * claimed it. The task itself (payload, attempts so far, attributes) stays in its data node,
 * so a claim can be sent before the task is read; {@link TaskRecord#running} joins the two.
 *
 * @param owner the claiming instance
 * @param claimedAt the claim time, epoch millis
 * @param timeoutMillis the claiming handler's timeout
 * @param maxAttempts the claiming handler's attempt budget
 * @param backoffMillis the claiming handler's first retry delay
 * @param maxBackoffMillis the claiming handler's largest retry delay
 */
public record RunRecord(String owner, long claimedAt, long timeoutMillis, int maxAttempts, long backoffMillis,
		long maxBackoffMillis) {

	static RunRecord claim(String owner, long now, TaskDefinition definition) {
		return new RunRecord(owner, now, definition.timeout().toMillis(), definition.maxAttempts(),
				definition.backoff().toMillis(), definition.maxBackoff().toMillis());
	}

}
