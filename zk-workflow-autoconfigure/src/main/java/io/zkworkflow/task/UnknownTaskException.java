package io.zkworkflow.task;

/**
 * A task whose result was awaited is not in ZooKeeper: it was never submitted (or its dead
 * letter was purged), or it was submitted longer ago than {@code zk-workflow.tasks.retention}
 * and its outcome was removed. A task id carries its submit time, so the two are told apart:
 * see {@link #isRemovedByRetention()}.
 */
public class UnknownTaskException extends RuntimeException {

	private final TaskId taskId;

	private final boolean removedByRetention;

	public UnknownTaskException(TaskId taskId, boolean removedByRetention, String message) {
		super(message);
		this.taskId = taskId;
		this.removedByRetention = removedByRetention;
	}

	/**
	 * Return the task.
	 * @return its id
	 */
	public TaskId getTaskId() {
		return this.taskId;
	}

	/**
	 * Return whether the task was submitted longer ago than the retention, so that its outcome
	 * was removed; {@code false} when it was never submitted (or its dead letter was purged).
	 * @return whether the retention removed it
	 */
	public boolean isRemovedByRetention() {
		return this.removedByRetention;
	}

}
