package io.zkworkflow.task;

import java.time.Duration;

/**
 * A task had no result within the time {@link TaskClient#result} was given. The task is not
 * affected: it may still finish, and a later wait (from any instance) gets its result.
 */
public class TaskResultTimeoutException extends RuntimeException {

	private final TaskId taskId;

	private final Duration timeout;

	public TaskResultTimeoutException(TaskId taskId, Duration timeout) {
		super("Task " + taskId + " has no result after waiting " + timeout.toMillis() + "ms; it may still finish: "
				+ "wait again, or read TaskClient.status(id)");
		this.taskId = taskId;
		this.timeout = timeout;
	}

	/**
	 * Return the task.
	 * @return its id
	 */
	public TaskId getTaskId() {
		return this.taskId;
	}

	/**
	 * Return how long the caller waited.
	 * @return the wait
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
