package io.zkworkflow.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The search index does not outlive the tasks: an outcome removed by the retention takes its
 * index entry along, and so does a purged dead letter. Three instances with no retention.
 */
class TaskSearchRetentionTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	@BeforeAll
	static void startInstances() {
		instances = TaskInstances.on(zookeeper).properties("zk-workflow.tasks.retention=0s");
		for (int i = 0; i < 3; i++) {
			instances.start(TaskSearchTests.SearchHandlers.class);
		}
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	private static TaskClient client(int index) {
		return instances.get(index % 3).getBean(TaskClient.class);
	}

	@Test
	void outcomesRemovedByTheRetentionTakeTheirIndexEntriesAlong() throws Exception {
		List<TaskId> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(client(i).submit("search-range", "gone-" + i));
		}
		assertThat(entries("search-range")).hasSize(6);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> ids.stream().allMatch((id) -> client(1).status(id).state() == TaskState.UNKNOWN));
		await().atMost(Duration.ofSeconds(30)).until(() -> entries("search-range").isEmpty());
		assertThat(client(2).list(TaskQuery.named("search-range")).items()).isEmpty();
	}

	@Test
	void aPurgedDeadLetterTakesItsIndexEntryAlong() throws Exception {
		TaskId id = client(0).submit("search-mixed", "fail-purged");
		await().atMost(Duration.ofSeconds(60)).until(() -> client(1).status(id).state() == TaskState.DEAD);
		assertThat(client(2).list(TaskQuery.named("search-mixed").inState(TaskState.DEAD)).items())
			.extracting(TaskSummary::id)
			.contains(id);
		assertThat(entries("search-mixed")).contains(id.uid());
		assertThat(client(1).purgeDeadLetter(id)).isTrue();
		assertThat(entries("search-mixed")).doesNotContain(id.uid());
		assertThat(client(0).list(TaskQuery.named("search-mixed")).items()).extracting(TaskSummary::id)
			.doesNotContain(id);
	}

	/** Every index entry of a name, read straight from ZooKeeper. */
	private static List<String> entries(String name) throws Exception {
		CuratorFramework curator = instances.get(0).getBean(CuratorFramework.class);
		TimeIndex index = new TimeIndex(curator);
		String root = "/zk-workflow/tasks/" + name + "/" + TimeIndex.INDEX;
		List<String> entries = new ArrayList<>();
		for (String hour : index.children(root)) {
			for (String second : index.children(ZKPaths.makePath(root, hour))) {
				entries.addAll(index.children(ZKPaths.makePath(root, hour, second)));
			}
		}
		return entries;
	}

}
