package io.zkworkflow.catalogue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskPage;
import io.zkworkflow.task.TaskQuery;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskSummary;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowQuery;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Catalogue, listing: bad queries and cursors for {@link TaskClient#list} and
 * {@link WorkflowClient#list}, with three instances on one ZooKeeper (each its own session).
 * Each case asserts the error names the problem; {@link #nothingLost} then proves every
 * instance still lists the tasks submitted before, on the session it had.
 */
class SearchBadInputTests {

	private static final String NAME = "catalogue-listed";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static final List<TaskId> submitted = new ArrayList<>();

	private static final List<Long> sessions = new ArrayList<>();

	@BeforeAll
	static void startInstances() throws Exception {
		instances = ZkInstances.on(zookeeper)
			.sources(Infrastructure.class)
			.properties("spring.cloud.zookeeper.session-timeout=4s", "logging.level.io.zkworkflow=WARN");
		for (int i = 0; i < 3; i++) {
			instances.start(Infrastructure.class);
			submitted.add(tasks(i).submit(NAME, "before-" + i));
			sessions.add(instances.get(i).getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper()
				.getSessionId());
		}
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	private static TaskClient tasks(int index) {
		return instances.get(index).getBean(TaskClient.class);
	}

	private static WorkflowClient workflows(int index) {
		return instances.get(index).getBean(WorkflowClient.class);
	}

	@AfterEach
	void nothingLost() throws Exception {
		for (int i = 0; i < 3; i++) {
			List<TaskId> listed = tasks(i).list(TaskQuery.named(NAME).pageSize(1000))
				.items()
				.stream()
				.map(TaskSummary::id)
				.toList();
			assertThat(listed).containsExactlyElementsOf(submitted);
			assertThat(instances.get(i).getBean(CuratorFramework.class).getZookeeperClient().getZooKeeper()
				.getSessionId()).isEqualTo(sessions.get(i));
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 1001 })
	void pageSizeOutOfRangeIsRefused(int size) {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskQuery.named(NAME).pageSize(size))
			.withMessageContaining("page size must be between 1 and 1000 (it is " + size + ")");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkflowQuery.of("order").pageSize(size))
			.withMessageContaining("page size must be between 1 and 1000 (it is " + size + ")");
	}

	@Test
	void alteredCursorIsRefused() {
		TaskPage first = tasks(0).list(TaskQuery.named(NAME).pageSize(1));
		String cursor = first.nextCursor();
		assertThat(cursor).isNotNull();
		String text = new String(Base64.getUrlDecoder().decode(cursor));
		String forged = Base64.getUrlEncoder().withoutPadding()
			.encodeToString(text.replace(submitted.get(0).uid(), submitted.get(2).uid()).getBytes());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> tasks(1).list(TaskQuery.named(NAME).pageSize(1).after(forged)))
			.withMessageContaining("is not one that list returned (malformed or altered)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "%%%not base64", "MXx4", "", "MXxhYmN8ZGVmfDEyMw" })
	void malformedCursorIsRefused(String cursor) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> tasks(2).list(TaskQuery.named(NAME).after(cursor)))
			.withMessageContaining("is not one that list returned");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> workflows(0).list(WorkflowQuery.of("order").after(cursor)))
			.withMessageContaining("workflow list cursor")
			.withMessageContaining("is not one that list returned");
	}

	@Test
	void cursorOfAnotherQueryIsRefused() {
		String cursor = tasks(0).list(TaskQuery.named(NAME).pageSize(1)).nextCursor();
		assertThat(cursor).isNotNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> tasks(1).list(TaskQuery.named(NAME).inState(TaskState.DEAD).after(cursor)))
			.withMessageContaining("belongs to another query");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> tasks(2).list(TaskQuery.named("catalogue-other").pageSize(1).after(cursor)))
			.withMessageContaining("belongs to another query");
	}

	@Test
	void oversizedCursorIsRefusedBeforeZooKeeper() {
		String cursor = "c".repeat(20 * 1024 * 1024);
		assertThatIllegalArgumentException().isThrownBy(() -> TaskQuery.named(NAME).after(cursor))
			.withMessageContaining("longer than 1024 characters")
			.withMessageContaining("(" + cursor.length() + " characters)")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(600));
	}

	@Test
	void oversizedNameIsRefusedBeforeZooKeeper() {
		String name = "n".repeat(20 * 1024 * 1024);
		assertThatIllegalArgumentException().isThrownBy(() -> TaskQuery.named(name))
			.withMessageContaining("must be at most 200 characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(600));
		assertThatIllegalArgumentException().isThrownBy(() -> WorkflowQuery.of(name))
			.withMessageContaining("must be at most 200 characters")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(600));
	}

	@Test
	void unknownStateIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskQuery.named(NAME).inState(TaskState.UNKNOWN))
			.withMessageContaining("UNKNOWN matches no listed task");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkflowQuery.of("order").inState(WorkflowState.RUNNING, WorkflowState.UNKNOWN))
			.withMessageContaining("UNKNOWN matches no listed workflow");
	}

	@Test
	void reversedTimeRangeIsRefused() {
		Instant now = Instant.now();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TaskQuery.named(NAME).submittedBetween(now, now.minusSeconds(60)))
			.withMessageContaining("not before its end").withMessageContaining("swap them");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkflowQuery.of("order").startedBetween(now, now))
			.withMessageContaining("not before its end");
	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class })
	static class Infrastructure {

	}

}
