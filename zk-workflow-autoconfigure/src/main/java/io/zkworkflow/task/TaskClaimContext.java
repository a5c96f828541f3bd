package io.zkworkflow.task;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code zk.workflow.task.claim} observation: one try of an instance to take a
 * ready task of a name from the queue, from sending the claim to knowing whether it is ours.
 * The claim is sent before the task is read, so the submitter's trace is not known yet: the
 * attempt that follows a successful claim is what continues it.
 */
public final class TaskClaimContext extends Observation.Context {

	private final String taskName;

	private @Nullable TaskId taskId;

	private @Nullable String outcome;

	/**
	 * Create a context for a claim of a task of the named kind.
	 * @param taskName the task name
	 */
	public TaskClaimContext(String taskName) {
		this.taskName = taskName;
	}

	/**
	 * The name of the task being claimed.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * The claimed task, once the claim succeeded.
	 * @return the task id or {@code null}
	 */
	public @Nullable TaskId getTaskId() {
		return this.taskId;
	}

	public void setTaskId(@Nullable TaskId taskId) {
		this.taskId = taskId;
	}

	/**
	 * How the claim ended: {@code claimed}, {@code taken} (another instance claimed it first),
	 * {@code skipped} (the queue entry holds no task) or {@code error}; {@code null} while it runs.
	 * @return the outcome or {@code null}
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
