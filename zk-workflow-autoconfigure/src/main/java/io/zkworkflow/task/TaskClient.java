package io.zkworkflow.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Submits durable tasks and looks after them. Every method talks to ZooKeeper; a method
 * returns (an asynchronous one completes its future) only after ZooKeeper committed (or
 * refused) its change.
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
	 * Submit a task without waiting: like {@link #submit(String, Object)}, with the result
	 * delivered through the returned future.
	 * @param name the task name
	 * @param payload the payload
	 * @return the task's id, once ZooKeeper committed the task
	 * @see #submitAsync(String, Object, SubmitOptions)
	 */
	default CompletableFuture<TaskId> submitAsync(String name, Object payload) {
		return submitAsync(name, payload, SubmitOptions.none());
	}

	/**
	 * Submit a task without waiting for ZooKeeper, so that a producer can keep many submits
	 * in flight (ZooKeeper then commits them in groups). The guarantees are those of
	 * {@link #submit(String, Object, SubmitOptions)}: the future completes with the task's id
	 * only once ZooKeeper committed the task (or, with an idempotency key already used for
	 * this name, with the earlier task's id, creating nothing), and fails with the exception
	 * {@code submit} would throw ({@link PayloadTooLargeException},
	 * {@link TooManyPendingTasksException}, {@link TaskSubmitException},
	 * {@link IllegalArgumentException} for a bad name); this method itself does not throw.
	 * Dependent stages that are not {@code *Async} run on the client's own small pool: do not
	 * block in them. Bound the number of submits in flight yourself (for example with a
	 * semaphore): every one holds its payload in memory until it is committed.
	 * @param name the task name
	 * @param payload the payload
	 * @param options the options
	 * @return the task's id, once ZooKeeper committed the task
	 */
	CompletableFuture<TaskId> submitAsync(String name, Object payload, SubmitOptions options);

	/**
	 * Submit many tasks in few ZooKeeper requests: the elements go to ZooKeeper together, in
	 * multis of at most 64 elements and 256 KB, instead of one request each. Returns once every
	 * element is committed (or answered by its idempotency key).
	 * <p>
	 * Every element is checked before anything is written: a bad name, a payload above the
	 * limit, too many elements or too many pending tasks refuse the whole batch, with the
	 * element's index in the message, and nothing is written. After that each element is its own
	 * transaction, as {@link #submit(String, Object, SubmitOptions)} is: the batch is <em>not</em>
	 * atomic. An idempotency key already used (before, or by an earlier element of the batch)
	 * answers with the first task and creates nothing ({@link SubmitResult#created()} is
	 * {@code false}). If ZooKeeper fails part way (connection lost), a
	 * {@link TaskSubmitException} says how many elements were committed; sending the batch again
	 * is safe for the elements with idempotency keys.
	 * @param submissions the elements, at most 10,000
	 * @return one result per element, in order
	 * @throws IllegalArgumentException if an element's name is bad
	 * @throws PayloadTooLargeException if an element's payload exceeds the configured limit
	 * @throws TooManyPendingTasksException if the batch would take a name above max-pending
	 * @throws TaskSubmitException if the batch is too large or ZooKeeper failed
	 */
	default List<SubmitResult> submitAll(List<TaskSubmission> submissions) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot submit a batch; "
				+ "zk-workflow's own client can");
	}

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
	 * Wait for a task's result: its handler's output, converted to {@code type} with the
	 * application's Jackson mapper (as the handler's return value was written). Works on any
	 * instance, not only the one that submitted the task, and returns at once when the task
	 * has already ended; otherwise a ZooKeeper watch wakes the wait when it ends. A timeout does
	 * not affect the task.
	 * @param <T> the result type
	 * @param id the task
	 * @param type what to convert the output to ({@code JsonNode} for the JSON as it is)
	 * @param timeout how long to wait; {@link Duration#ZERO} takes a result only if it is there
	 * @return the output, {@code null} for a handler that returns nothing
	 * @throws TaskFailedException if the task ran out of attempts (it is in the dead letters)
	 * @throws TaskCancelledException if the task was cancelled before it ran
	 * @throws UnknownTaskException if the task was never submitted or its outcome was removed
	 * after {@code zk-workflow.tasks.retention}
	 * @throws TaskResultTimeoutException if the task has not ended within the timeout
	 * @throws IllegalArgumentException if the output cannot be converted to {@code type}
	 */
	default <T> @Nullable T result(TaskId id, Class<T> type, Duration timeout) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot wait for a task's result; "
				+ "zk-workflow's own client can");
	}

	/**
	 * Wait for a task's result without blocking: like {@link #result}, with the outcome
	 * delivered through the returned future, which fails with the exceptions {@code result}
	 * throws (except the timeout: bound the wait with {@link CompletableFuture#orTimeout}).
	 * The future is completed by a ZooKeeper watch, so no thread waits meanwhile. Cancelling
	 * it, or its timing out, ends the wait and removes the watches. Dependent stages that are
	 * not {@code *Async} run on the client's own small pool: do not block in them.
	 * @param <T> the result type
	 * @param id the task
	 * @param type what to convert the output to
	 * @return the output once the task succeeded, {@code null} for a handler that returns nothing
	 */
	default <T> CompletableFuture<@Nullable T> resultAsync(TaskId id, Class<T> type) {
		return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getName()
				+ " cannot wait for a task's result; zk-workflow's own client can"));
	}

	/**
	 * List tasks of one name, oldest submit first, one page at a time, from a search index
	 * written with each submit: a call reads only the index buckets of the page, never every
	 * task. States are read from the tasks themselves, so every listed state was true while the
	 * page was read. Tasks submitted before the index existed are not listed.
	 * @param query the name, states, submit-time range, page size and cursor
	 * @return the page; continue with {@link TaskPage#nextCursor()} until it is {@code null}
	 * @throws IllegalArgumentException if the cursor is malformed, altered or belongs to
	 * another query
	 */
	default TaskPage list(TaskQuery query) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot list tasks; "
				+ "zk-workflow's own client can");
	}

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
