package io.zkworkflow.reliability;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.reliability.HistoryEvent.Type;
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
		Set<String> found = committedInZooKeeper(client, root, uncommitted(history));
		for (String subject : found) {
			observer.record(Type.COMMIT, subject, null,
					"outcome found in ZooKeeper; no instance published the completion event");
		}
		return found.size();
	}

	/**
	 * Return the acknowledged submissions without a recorded commit.
	 * @param history the history
	 * @return their subjects
	 */
	static List<String> uncommitted(History history) {
		Set<String> committed = history.ofType(Type.COMMIT)
			.stream()
			.map(HistoryEvent::subject)
			.collect(Collectors.toSet());
		return history.ofType(Type.SUBMIT)
			.stream()
			.map(HistoryEvent::subject)
			.filter((subject) -> !committed.contains(subject))
			.distinct()
			.toList();
	}

	/**
	 * Return the subjects whose outcome ZooKeeper holds: a retained task outcome, or a workflow
	 * in state {@code COMPLETED}.
	 * @param client an owner client
	 * @param root the zk-workflow root
	 * @param subjects task ids ({@code name/uid}) and {@code workflow:id}s
	 * @return the subjects found committed
	 */
	static Set<String> committedInZooKeeper(CuratorFramework client, ZkRoot root, List<String> subjects)
			throws Exception {
		Set<String> found = new HashSet<>();
		if (subjects.isEmpty()) {
			return found;
		}
		Set<String> done = new HashSet<>();
		String doneRoot = root.resolve("tasks", ScenarioBeans.ITEM_TASK, "done");
		for (String bucket : children(client, doneRoot)) {
			done.addAll(children(client, doneRoot + "/" + bucket));
		}
		for (String subject : subjects) {
			if (subject.startsWith(ScenarioBeans.WORKFLOW_PREFIX)) {
				String id = subject.substring(ScenarioBeans.WORKFLOW_PREFIX.length());
				if ("COMPLETED".equals(workflowState(client, root.resolve("workflows", id)))) {
					found.add(subject);
				}
			}
			else if (done.contains(TaskId.parse(subject).uid())) {
				found.add(subject);
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
