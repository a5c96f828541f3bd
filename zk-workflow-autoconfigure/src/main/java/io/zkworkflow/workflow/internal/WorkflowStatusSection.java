package io.zkworkflow.workflow.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.workflow.StepStatus;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowStatus;
import org.apache.zookeeper.KeeperException;

/**
 * The {@code workflows} section of the {@code zkworkflow} endpoint: the definitions and their
 * DAGs, the running workflows (at most {@value #LIMIT}) and the {@value #RECENT} last finished
 * ones, with each step's state and attempts and the DAG's edges, the keys the dashboard draws from.
 */
public final class WorkflowStatusSection implements StatusSection {

	static final int LIMIT = 50;

	/** How many finished workflows the section shows, newest first. */
	static final int RECENT = 5;

	private final WorkflowStore store;

	private final ZkWorkflowClient client;

	public WorkflowStatusSection(WorkflowStore store, ZkWorkflowClient client) {
		this.store = store;
		this.client = client;
	}

	@Override
	public String sectionName() {
		return "workflows";
	}

	@Override
	public Object snapshot() {
		Map<String, Object> result = new LinkedHashMap<>();
		List<Map<String, Object>> definitions = new ArrayList<>();
		for (WorkflowDefinition definition : this.store.registry().all()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", definition.name());
			entry.put("version", definition.version());
			entry.put("steps", List.copyOf(definition.steps().keySet()));
			entry.put("edges", definition.edges());
			Map<String, String> tasks = new LinkedHashMap<>();
			definition.steps().forEach((id, step) -> tasks.put(id, step.task()));
			entry.put("tasks", tasks);
			entry.put("compensation", definition.compensation());
			definitions.add(entry);
		}
		result.put("definitions", definitions);
		List<Map<String, Object>> running = new ArrayList<>();
		List<WorkflowStatus> finished = new ArrayList<>();
		int total = 0;
		try {
			List<String> ids = this.store.curator().getChildren().forPath(this.store.paths().workflows());
			total = ids.size();
			for (String id : ids) {
				if (running.size() >= LIMIT) {
					break;
				}
				WorkflowStatus status = this.client.status(new WorkflowId(id));
				if (!status.state().isFinished() && status.state() != io.zkworkflow.workflow.WorkflowState.UNKNOWN) {
					running.add(describe(status));
				}
				else if (status.state().isFinished() && status.finishedAt() != null) {
					finished.add(status);
				}
			}
		}
		catch (KeeperException.NoNodeException ex) {
			// nothing started yet
		}
		catch (Exception ex) {
			result.put("error", "Could not read the workflows: " + ex);
		}
		result.put("stored", total);
		result.put("running", running);
		result.put("recent", finished.stream()
			.sorted(Comparator.comparing(WorkflowStatus::finishedAt, Comparator.nullsLast(Comparator.reverseOrder())))
			.limit(RECENT)
			.map(WorkflowStatusSection::describe)
			.toList());
		return result;
	}

	private static Map<String, Object> describe(WorkflowStatus status) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("id", status.id().value());
		entry.put("name", status.definition());
		entry.put("version", status.version());
		entry.put("state", status.state().name());
		entry.put("startedAt", status.startedAt());
		entry.put("finishedAt", status.finishedAt());
		Map<String, Object> steps = new LinkedHashMap<>();
		for (StepStatus step : status.steps().values()) {
			Map<String, Object> stepEntry = new LinkedHashMap<>();
			stepEntry.put("state", step.state().name());
			stepEntry.put("attempts", step.attempts());
			stepEntry.put("taskId", step.taskId());
			stepEntry.put("error", step.error());
			steps.put(step.name(), stepEntry);
		}
		entry.put("steps", steps);
		entry.put("edges", status.edges());
		return entry;
	}

}
