package io.zkworkflow.reliability;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The final read of the task scenario's timers, after every worker was stopped. Each
 * {@value WorkflowScenarioBeans#WAIT_FLOW} workflow's record names the task of every timer step
 * that was started (the transaction that starts the step writes its task id); each is recorded
 * as a {@code TIMER_START}. A started timer whose {@code TIMER_FIRE} no worker recorded (its
 * worker was killed between commit and event) is looked up among the retained outcomes of
 * {@value WorkflowDefinition#SLEEP_TASK} and, when found, recorded as the observer's
 * {@code TIMER_FIRE}; only timers without any fire are looked up, so the observer never adds a
 * second one.
 */
final class TimerObserver {

	private static final JsonMapper json = JsonMapper.builder().build();

	private TimerObserver() {
	}

	/**
	 * Record the started timers and the fires the workers could not.
	 * @param client an owner client
	 * @param root the zk-workflow root
	 * @param history the history so far
	 * @param observer the observer's recorder
	 * @return how many timers were started and how many fires were found without an event
	 */
	static Timers observe(CuratorFramework client, ZkRoot root, History history, HistoryRecorder observer)
			throws Exception {
		Map<String, String> started = new LinkedHashMap<>();
		for (String subject : history.ofType(Type.SUBMIT).stream().map(HistoryEvent::subject).distinct().toList()) {
			if (subject.startsWith(ScenarioBeans.WORKFLOW_PREFIX)) {
				started.putAll(timers(client, root, subject));
			}
		}
		started.forEach((task, step) -> observer.record(Type.TIMER_START, task, null, step));
		Set<String> fired = history.ofType(Type.TIMER_FIRE)
			.stream()
			.map(HistoryEvent::subject)
			.collect(Collectors.toSet());
		Set<String> done = new HashSet<>();
		String doneRoot = root.resolve("tasks", WorkflowDefinition.SLEEP_TASK, "done");
		for (String bucket : children(client, doneRoot)) {
			done.addAll(children(client, doneRoot + "/" + bucket));
		}
		int found = 0;
		for (String task : started.keySet()) {
			if (!fired.contains(task) && done.contains(TaskId.parse(task).uid())) {
				observer.record(Type.TIMER_FIRE, task, null, "outcome found in ZooKeeper; no instance published "
						+ "the completion event");
				found++;
			}
		}
		return new Timers(started.size(), found);
	}

	/** The timer tasks of one workflow, by task id, with their {@code workflow:id/step}. */
	private static Map<String, String> timers(CuratorFramework client, ZkRoot root, String subject) throws Exception {
		String id = subject.substring(ScenarioBeans.WORKFLOW_PREFIX.length());
		Map<String, String> timers = new LinkedHashMap<>();
		JsonNode record;
		try {
			record = json.readTree(client.getData().forPath(root.resolve("workflows", id)));
		}
		catch (KeeperException.NoNodeException ex) {
			return timers;
		}
		if (!WorkflowScenarioBeans.WAIT_FLOW.equals(record.path("definition").asString())) {
			return timers;
		}
		for (String step : WorkflowScenarioBeans.TIMER_STEPS) {
			JsonNode taskId = record.path("steps").path(step).path("taskId");
			String task = taskId.isString() ? taskId.asString() : "";
			if (!task.isEmpty()) {
				timers.put(task, subject + "/" + step);
			}
		}
		return timers;
	}

	/**
	 * What the observer found.
	 * @param started timers started
	 * @param foundWithoutEvent fires found in ZooKeeper that no worker recorded
	 */
	record Timers(int started, int foundWithoutEvent) {
	}

	private static List<String> children(CuratorFramework client, String path) throws Exception {
		try {
			return client.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

}
