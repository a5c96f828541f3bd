package io.zkworkflow.workflow.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.ListingOperation;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowPage;
import io.zkworkflow.workflow.WorkflowQuery;
import io.zkworkflow.workflow.WorkflowState;

/**
 * The {@code workflows/list} read operation of the actuator endpoint: one page of
 * {@link WorkflowClient#list} for the definition {@code name}, optional {@code state}
 * (comma-separated), {@code cursor} and {@code size}.
 */
public final class WorkflowListing implements ListingOperation {

	private final WorkflowClient client;

	public WorkflowListing(WorkflowClient client) {
		this.client = client;
	}

	@Override
	public String section() {
		return "workflows";
	}

	@Override
	public Object list(Map<String, String> arguments) {
		WorkflowQuery query = WorkflowQuery.of(ListingOperation.name(arguments, "a workflow definition name", "order"))
			.inState(ListingOperation.states(arguments, WorkflowState.class, "workflow"))
			.pageSize(ListingOperation.size(arguments, WorkflowQuery.DEFAULT_PAGE_SIZE))
			.after(arguments.get("cursor"));
		WorkflowPage page = this.client.list(query);
		List<Map<String, Object>> items = page.items().stream().map((workflow) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", workflow.id().value());
			item.put("definition", workflow.definition());
			item.put("version", workflow.version());
			item.put("state", workflow.state().name());
			item.put("startedAt", workflow.startedAt().toString());
			item.put("finishedAt", (workflow.finishedAt() != null) ? workflow.finishedAt().toString() : null);
			item.put("error", workflow.error());
			return item;
		}).toList();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("items", items);
		result.put("nextCursor", page.nextCursor());
		return result;
	}

}
