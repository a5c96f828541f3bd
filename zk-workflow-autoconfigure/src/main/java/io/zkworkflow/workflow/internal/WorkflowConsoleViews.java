package io.zkworkflow.workflow.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zkworkflow.internal.AdminOperation;
import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ValueDisclosure;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the console reads and does to one workflow: the {@code workflows/workflow?id=...} view
 * (its DAG, each step's state, attempts, task, output and error, its input) and the
 * {@code workflows/cancel} operation. Inputs and outputs follow the {@code show-values} rule.
 */
public final class WorkflowConsoleViews {

	private WorkflowConsoleViews() {
	}

	/**
	 * Return the view of one workflow.
	 * @param client the workflow client
	 * @return the {@code workflows/workflow} view
	 */
	public static StatusView detail(WorkflowClient client) {
		return new StatusView() {
			@Override
			public String section() {
				return "workflows";
			}

			@Override
			public String name() {
				return "workflow";
			}

			@Override
			public @Nullable Object read(@Nullable String id, ValueDisclosure disclosure) {
				if (id == null || id.isBlank()) {
					throw new IllegalArgumentException("workflows/workflow needs the workflow id, as ?id=w-1234");
				}
				WorkflowStatus status = client.status(new WorkflowId(id));
				return (status.state() != WorkflowState.UNKNOWN) ? describe(status, disclosure) : null;
			}
		};
	}

	/**
	 * Return the operation that cancels a running workflow.
	 * @param client the workflow client
	 * @return the {@code workflows/cancel} operation
	 */
	public static AdminOperation cancel(WorkflowClient client) {
		return AdminOperation.onId("workflows", "cancel", "the workflow id", "w-1234",
				(id) -> Map.of("id", id, "cancelled", client.cancel(new WorkflowId(id))));
	}

	static Map<String, Object> describe(WorkflowStatus status, ValueDisclosure disclosure) {
		String definition = String.valueOf(status.definition());
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", status.id().value());
		entry.put("name", status.definition());
		entry.put("version", status.version());
		entry.put("state", status.state().name());
		entry.put("input", show(disclosure, "workflows." + definition + ".input", status.input()));
		entry.put("error", status.error());
		entry.put("startedAt", string(status.startedAt()));
		entry.put("finishedAt", string(status.finishedAt()));
		Map<String, Object> steps = new LinkedHashMap<>();
		for (StepStatus step : status.steps().values()) {
			Map<String, Object> stepEntry = new LinkedHashMap<>();
			stepEntry.put("state", step.state().name());
			stepEntry.put("attempts", step.attempts());
			stepEntry.put("taskId", step.taskId());
			stepEntry.put("output", show(disclosure, "workflows." + definition + "." + step.name() + ".output",
					step.output()));
			stepEntry.put("error", step.error());
			stepEntry.put("startedAt", string(step.startedAt()));
			stepEntry.put("finishedAt", string(step.finishedAt()));
			steps.put(step.name(), stepEntry);
		}
		entry.put("steps", steps);
		entry.put("edges", status.edges());
		return entry;
	}

	private static @Nullable String show(ValueDisclosure disclosure, String key, @Nullable JsonNode node) {
		return (node != null) ? disclosure.show(key, node.toString()) : null;
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

}
