package io.zkworkflow.sample.reliability;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.zkworkflow.sample.reliability.HistoryEvent.Type;
import io.zkworkflow.support.ZkRoot;
import io.zkworkflow.task.TaskId;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The final read of the task scenario, after every worker was killed: a task or workflow whose
 * submission was acknowledged but whose completion event no worker recorded is looked up in
 * ZooKeeper. A worker killed right after its completion transaction committed never publishes
 * the event; its outcome is still retained ({@code {root}/tasks/{name}/done/{bucket}/{uid}}, or
 * the workflow znode in state {@code COMPLETED}). Each one found is recorded as a {@code COMMIT}
 * by the observer. Only subjects without any recorded commit are looked up, so the observer
 * never adds a second commit.
 */
final class TaskObserver {

	private static final JsonMapper json = JsonMapper.builder().build();

	private TaskObserver() {
	}

	/**
	 * Record the commits the workers could not.
	 * @param client an owner client
	 * @param root the zk-workflow root
	 * @param history the history so far
	 * @param observer the observer's recorder
	 * @return how many commits were found this way
	 */
	static int observe(CuratorFramework client, ZkRoot root, History history, HistoryRecorder observer)
			throws Exception {
		Set<String> committed = history.ofType(Type.COMMIT)
			.stream()
			.map(HistoryEvent::subject)
			.collect(Collectors.toSet());
		List<String> missing = history.ofType(Type.SUBMIT)
			.stream()
			.map(HistoryEvent::subject)
			.filter((subject) -> !committed.contains(subject))
			.distinct()
			.toList();
		Set<String> done = new HashSet<>();
		if (!missing.isEmpty()) {
			String doneRoot = root.resolve("tasks", ScenarioBeans.ITEM_TASK, "done");
			for (String bucket : children(client, doneRoot)) {
				done.addAll(children(client, doneRoot + "/" + bucket));
			}
		}
		int found = 0;
		for (String subject : missing) {
			if (subject.startsWith(ScenarioBeans.WORKFLOW_PREFIX)) {
				String id = subject.substring(ScenarioBeans.WORKFLOW_PREFIX.length());
				String state = workflowState(client, root.resolve("workflows", id));
				if ("COMPLETED".equals(state)) {
					observer.record(Type.COMMIT, subject, null, "found COMPLETED; no instance published the event");
					found++;
				}
			}
			else if (done.contains(TaskId.parse(subject).uid())) {
				observer.record(Type.COMMIT, subject, null, "outcome retained; no instance published the event");
				found++;
			}
		}
		return found;
	}

	private static List<String> children(CuratorFramework client, String path) throws Exception {
		try {
			return client.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

	private static String workflowState(CuratorFramework client, String path) throws Exception {
		try {
			JsonNode record = json.readTree(client.getData().forPath(path));
			return record.path("state").asString();
		}
		catch (KeeperException.NoNodeException ex) {
			return "GONE";
		}
	}

}
