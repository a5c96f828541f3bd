package io.zkworkflow.task;

/**
 * A task whose result was awaited was cancelled before it ran ({@link TaskClient#cancel}), so
 * it has no result.
 */
public class TaskCancelledException extends RuntimeException {

	private final TaskId taskId;

	public TaskCancelledException(TaskId taskId) {
		super("Task " + taskId + " was cancelled before it ran; it has no result");
		this.taskId = taskId;
	}

	/**
	 * Return the task.
	 * @return its id
	 */
	public TaskId getTaskId() {
		return this.taskId;
	}

}
