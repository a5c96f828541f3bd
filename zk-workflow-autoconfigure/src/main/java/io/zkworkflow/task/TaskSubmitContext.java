package io.zkworkflow.task;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * Context of the {@code zk.workflow.task.submit} observation. Its carrier is the map of trace
 * headers that is stored with the task in ZooKeeper: a propagating tracing handler (Micrometer
 * Tracing, when present) writes the current trace context into it, and the instance that
 * claims the task continues that trace.
 */
public final class TaskSubmitContext extends SenderContext<Map<String, String>> {

	private final String taskName;

	private @Nullable TaskId taskId;

	private @Nullable String outcome;

	/**
	 * Create a context for a submit of the named task.
	 * @param taskName the task name
	 */
	public TaskSubmitContext(String taskName) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		});
		this.taskName = taskName;
		setCarrier(new LinkedHashMap<>());
	}

	/**
	 * The name of the submitted task.
	 * @return the task name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * The id of the task, once the submit has prepared it.
	 * @return the task id or {@code null}
	 */
	public @Nullable TaskId getTaskId() {
		return this.taskId;
	}

	public void setTaskId(@Nullable TaskId taskId) {
		this.taskId = taskId;
	}

	/**
	 * How the submit ended: {@code submitted}, {@code existing} (an idempotency key already
	 * used), {@code prepared} (prepared for the caller's own transaction) or {@code failed};
	 * {@code null} while it runs.
	 * @return the outcome or {@code null}
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
