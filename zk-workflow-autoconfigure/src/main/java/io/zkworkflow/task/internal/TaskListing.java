package io.zkworkflow.task.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.ListingOperation;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskPage;
import io.zkworkflow.task.TaskQuery;
import io.zkworkflow.task.TaskState;

/**
 * The {@code tasks/list} read operation of the actuator endpoint: one page of
 * {@link TaskClient#list} for {@code name}, optional {@code state} (comma-separated),
 * {@code cursor} and {@code size}.
 */
public final class TaskListing implements ListingOperation {

	private final TaskClient client;

	public TaskListing(TaskClient client) {
		this.client = client;
	}

	@Override
	public String section() {
		return "tasks";
	}

	@Override
	public Object list(Map<String, String> arguments) {
		TaskQuery query = TaskQuery.named(ListingOperation.name(arguments, "a task name", "send-invoice"))
			.inState(ListingOperation.states(arguments, TaskState.class, "task"))
			.pageSize(ListingOperation.size(arguments, TaskQuery.DEFAULT_PAGE_SIZE))
			.after(arguments.get("cursor"));
		TaskPage page = this.client.list(query);
		List<Map<String, Object>> items = page.items().stream().map((task) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", task.id().toString());
			item.put("state", task.state().name());
			item.put("attempts", task.attempts());
			item.put("submittedAt", task.submittedAt().toString());
			if (task.notBefore() != null) {
				item.put("notBefore", task.notBefore().toString());
			}
			return item;
		}).toList();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("items", items);
		result.put("nextCursor", page.nextCursor());
		return result;
	}

}
