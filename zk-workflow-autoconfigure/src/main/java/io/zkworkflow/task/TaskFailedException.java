package io.zkworkflow.task;

import org.jspecify.annotations.Nullable;

/**
 * A task whose result was awaited ran out of attempts (or could not be bound) and is in the
 * dead letters: the message carries its last error, as the failed attempt recorded it (for an
 * exception thrown by the handler, its class name and message).
 */
public class TaskFailedException extends RuntimeException {

	private final TaskId taskId;

	private final int attempts;

	private final @Nullable String error;

	public TaskFailedException(TaskId taskId, int attempts, @Nullable String error) {
		super("Task " + taskId + " failed after " + attempts + " attempt(s) and is in the dead letters: " + error
				+ ". Fix the cause, then TaskClient.retryDeadLetter(id) runs it again.");
		this.taskId = taskId;
		this.attempts = attempts;
		this.error = error;
	}

	/**
	 * Return the task.
	 * @return its id
	 */
	public TaskId getTaskId() {
		return this.taskId;
	}

	/**
	 * Return how many attempts were made.
	 * @return the attempts
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return the last attempt's error, such as {@code java.lang.IllegalStateException: card declined}.
	 * @return the error text, {@code null} if none was recorded
	 */
	public @Nullable String getError() {
		return this.error;
	}

}
