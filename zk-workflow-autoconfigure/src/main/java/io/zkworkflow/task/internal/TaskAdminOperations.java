package io.zkworkflow.task.internal;

import java.util.Map;
import java.util.function.Function;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;

/**
 * The {@code tasks} section's write operations: {@code retry} and {@code purge} a dead letter,
 * {@code cancel} a pending task. Each takes the task id ({@code name/uid}) as {@code id}.
 */
public final class TaskAdminOperations {

	private TaskAdminOperations() {
	}

	/**
	 * Return the operation that moves a dead letter back to the ready queue.
	 * @param client the task client
	 * @return the {@code tasks/retry} operation
	 */
	public static AdminOperation retry(TaskClient client) {
		return operation("retry", (id) -> Map.of("id", id.toString(), "retried", client.retryDeadLetter(id)));
	}

	/**
	 * Return the operation that deletes a dead letter.
	 * @param client the task client
	 * @return the {@code tasks/purge} operation
	 */
	public static AdminOperation purge(TaskClient client) {
		return operation("purge", (id) -> Map.of("id", id.toString(), "purged", client.purgeDeadLetter(id)));
	}

	/**
	 * Return the operation that cancels a pending task.
	 * @param client the task client
	 * @return the {@code tasks/cancel} operation
	 */
	public static AdminOperation cancel(TaskClient client) {
		return operation("cancel", (id) -> Map.of("id", id.toString(), "cancelled", client.cancel(id)));
	}

	private static AdminOperation operation(String name, Function<TaskId, Object> action) {
		return AdminOperation.onId("tasks", name, "the task id", "name/uid", (id) -> action.apply(TaskId.parse(id)));
	}

}
