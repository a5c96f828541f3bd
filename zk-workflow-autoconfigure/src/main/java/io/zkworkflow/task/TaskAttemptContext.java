package io.zkworkflow.task;

import java.util.Map;

import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code zk.workflow.task.attempt} observation: one attempt of a task on the
 * instance that claimed it. Its carrier holds the trace headers stored at submit (empty for
 * tasks submitted without them), from which a propagating tracing handler continues the
 * submitter's trace.
 */
public final class TaskAttemptContext extends ReceiverContext<Map<String, String>> {

	private final TaskId taskId;

	private final int attempt;

	private @Nullable String outcome;

	/**
	 * Create a context for one attempt.
	 * @param taskId the task
	 * @param attempt the attempt number, from 1
	 * @param trace the trace headers stored with the task
	 */
	public TaskAttemptContext(TaskId taskId, int attempt, Map<String, String> trace) {
		super((carrier, key) -> (carrier != null) ? carrier.get(key) : null);
		this.taskId = taskId;
		this.attempt = attempt;
		setCarrier(Map.copyOf(trace));
	}

	/**
	 * The task of this attempt.
	 * @return the task id
	 */
	public TaskId getTaskId() {
		return this.taskId;
	}

	/**
	 * The name of the task.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskId.name();
	}

	/**
	 * The attempt number, from 1.
	 * @return the attempt number
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * How the attempt ended ({@code succeeded}, {@code failed}, {@code timed-out},
	 * {@code dead}, {@code lease-lost}, {@code handed-back}, or {@code unknown} when the attempt was
	 * ended elsewhere); {@code null} while it runs.
	 * @return the outcome or {@code null}
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
