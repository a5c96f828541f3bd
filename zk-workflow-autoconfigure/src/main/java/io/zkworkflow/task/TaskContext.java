package io.zkworkflow.task;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a running handler knows about its task. Declare it as a parameter of a
 * {@link WorkflowTask} method. A handler may run again after its worker lost the lease (the
 * old run cannot commit, but its side effects happened): make side effects idempotent with
 * {@link #idempotencyKey()} or {@link #taskId()}, or fence them with {@link #fencingToken()}.
 */
public interface TaskContext {

	/**
	 * Return the task's id.
	 * @return the id
	 */
	TaskId taskId();

	/**
	 * Return the number of this attempt, starting at 1.
	 * @return the attempt number
	 */
	int attempt();

	/**
	 * Return the idempotency key the task was submitted with, if any.
	 * @return the key or {@code null}
	 */
	@Nullable String idempotencyKey();

	/**
	 * Return the attributes the task was submitted with.
	 * @return the attributes, possibly empty
	 */
	Map<String, String> attributes();

	/**
	 * Return when this attempt times out.
	 * @return the deadline
	 */
	Instant deadline();

	/**
	 * Return a token that grows with every attempt of every task: the ZooKeeper transaction
	 * id that created this attempt's lease. A guarded resource that keeps the highest token
	 * it accepted and refuses lower ones never takes a write from a run that was superseded.
	 * Read from ZooKeeper on first use.
	 * @return the fencing token
	 * @throws LeaseLostException if the lease is already gone
	 */
	long fencingToken();

	/**
	 * Whether this worker still holds the task's lease, judged locally (same ZooKeeper
	 * session, connected, attempt not timed out or handed back). Long handlers check it
	 * between steps and stop early when it is {@code false}: their result would be refused.
	 * @return whether the lease is held
	 */
	boolean isLeaseHeld();

}
