package io.zkworkflow.task;

import java.util.List;

/**
 * Submits durable tasks and looks after them. Every method talks to ZooKeeper; a method
 * returns only after ZooKeeper committed (or refused) its change.
 */
public interface TaskClient {

	/**
	 * Submit a task. Returns once the task is committed to ZooKeeper; from then on no crash
	 * loses it. A name that no live instance serves is accepted (producers need not host
	 * handlers) and counted.
	 * @param name the task name
	 * @param payload the payload, turned into JSON with the application's mapper
	 * @return the task's id
	 * @throws PayloadTooLargeException if the payload exceeds the configured limit
	 * @throws TooManyPendingTasksException if too many tasks of this name are waiting
	 */
	default TaskId submit(String name, Object payload) {
		return submit(name, payload, SubmitOptions.none());
	}

	/**
	 * Submit a task with options (idempotency key, delay, attributes). With an idempotency
	 * key already used for this name, returns the earlier task's id and creates nothing.
	 * @param name the task name
	 * @param payload the payload
	 * @param options the options
	 * @return the task's id
	 */
	TaskId submit(String name, Object payload, SubmitOptions options);

	/**
	 * Prepare the ZooKeeper operations that submit a task, without committing them, so that
	 * they can join a larger transaction (a workflow's step completion enqueues its
	 * successors this way, see {@link TaskCompletionContributor}). The payload limit is
	 * checked; max-pending is not. Parent znodes are not created here: when the operations
	 * join a task's completion (a contributor's operations), the engine creates missing parents
	 * and retries; a caller that commits them itself must do so on {@code NONODE}.
	 * @param name the task name
	 * @param payload the payload
	 * @param options the options
	 * @return the id the task will have and the operations that create it
	 */
	PreparedTask prepare(String name, Object payload, SubmitOptions options);

	/**
	 * Return a snapshot of a task's state. A best-effort read: a task that moves while it is
	 * read is looked up again.
	 * @param id the task
	 * @return its status, {@link TaskState#UNKNOWN} when not found
	 */
	TaskStatus status(TaskId id);

	/**
	 * Cancel a task that has not started (ready or delayed). A running or finished task is
	 * not affected.
	 * @param id the task
	 * @return whether the task was cancelled
	 */
	boolean cancel(TaskId id);

	/**
	 * List dead letters of one task name, oldest first.
	 * @param name the task name
	 * @param limit the most to return
	 * @return the dead letters
	 */
	List<DeadLetter> deadLetters(String name, int limit);

	/**
	 * Put a dead-lettered task back in its queue with a fresh attempt budget.
	 * @param id the task
	 * @return whether it was found in the dead letters
	 */
	boolean retryDeadLetter(TaskId id);

	/**
	 * Delete a dead letter.
	 * @param id the task
	 * @return whether it was found
	 */
	boolean purgeDeadLetter(TaskId id);

}
