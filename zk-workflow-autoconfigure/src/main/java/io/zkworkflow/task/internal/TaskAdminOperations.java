package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Function;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;

/**
 * The {@code tasks} section's write operations: {@code retry} and {@code purge} a dead letter,
 * {@code cancel} a pending task, each taking the task id ({@code name/uid}) as {@code id}; the
 * same on a selection of dead letters ({@code retry-dead-letters}, {@code delete-dead-letters},
 * taking {@code ids}), and {@code purge-dead-letters}, which deletes every dead letter of the task
 * name given as {@code id}.
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

	/** Most dead letters one purge deletes; a purge that hits it says so, and can be sent again. */
	static final int MAX_PURGED = 10_000;

	private static final int PAGE = 500;

	/**
	 * Return the operation that moves selected dead letters back to their queues.
	 * @param client the task client
	 * @return the {@code tasks/retry-dead-letters} operation
	 */
	public static AdminOperation retryDeadLetters(TaskClient client) {
		return bulk("retry-dead-letters", "retried", client::retryDeadLetter);
	}

	/**
	 * Return the operation that deletes selected dead letters.
	 * @param client the task client
	 * @return the {@code tasks/delete-dead-letters} operation
	 */
	public static AdminOperation deleteDeadLetters(TaskClient client) {
		return bulk("delete-dead-letters", "deleted", client::purgeDeadLetter);
	}

	/**
	 * Return the operation that deletes every dead letter of one task name, at most
	 * {@value #MAX_PURGED} per call.
	 * @param client the task client
	 * @return the {@code tasks/purge-dead-letters} operation
	 */
	public static AdminOperation purgeDeadLetters(TaskClient client) {
		return AdminOperation.onId("tasks", "purge-dead-letters", "the task name", "orders", (name) -> {
			String problem = ZnodeNames.checkName(name);
			if (problem != null) {
				throw new IllegalArgumentException("Task name " + InputText.quote(name) + " " + problem);
			}
			int purged = 0;
			boolean more = true;
			while (more && purged < MAX_PURGED) {
				List<DeadLetter> page = client.deadLetters(name, Math.min(PAGE, MAX_PURGED - purged));
				for (DeadLetter letter : page) {
					if (client.purgeDeadLetter(letter.id())) {
						purged++;
					}
				}
				more = !page.isEmpty();
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("name", name);
			result.put("purged", purged);
			result.put("more", more);
			return result;
		});
	}

	/** Every id is parsed before any is acted on, so a bad one refuses the whole selection. */
	private static AdminOperation bulk(String name, String done, Predicate<TaskId> action) {
		return AdminOperation.onIds("tasks", name, "orders/uid", (ids) -> {
			List<TaskId> parsed = ids.stream().map(TaskId::parse).toList();
			List<String> succeeded = new ArrayList<>();
			List<String> missing = new ArrayList<>();
			for (TaskId id : parsed) {
				(action.test(id) ? succeeded : missing).add(id.toString());
			}
			Map<String, Object> result = new LinkedHashMap<>();
			result.put(done, succeeded);
			result.put("notFound", missing);
			return result;
		});
	}

	private static AdminOperation operation(String name, Function<TaskId, Object> action) {
		return AdminOperation.onId("tasks", name, "the task id", "name/uid", (id) -> action.apply(TaskId.parse(id)));
	}

}
