package io.zkworkflow.task;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TaskClient#list(TaskQuery)} with three instances on one ZooKeeper, each its own
 * session: all three submit and work, and each page is read by another instance than the one
 * before, so cursors travel between instances.
 */
class TaskSearchTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	@BeforeAll
	static void startInstances() {
		instances = TaskInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(SearchHandlers.class);
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
	void pagingThroughMoreTasksThanOnePageReturnsEachExactlyOnceInSubmitOrder() {
		Set<TaskId> submitted = new HashSet<>();
		for (int i = 0; i < 3; i++) {
			List<TaskSubmission> batch = IntStream.range(0, 120)
				.mapToObj((n) -> new TaskSubmission("search-idle", "p" + n, SubmitOptions.none()))
				.toList();
			client(i).submitAll(batch).forEach((result) -> submitted.add(result.id()));
		}
		List<TaskSummary> listed = listAll(TaskQuery.named("search-idle").pageSize(37));
		assertThat(listed).extracting(TaskSummary::id).doesNotHaveDuplicates();
		assertThat(listed).extracting(TaskSummary::id).containsExactlyInAnyOrderElementsOf(submitted);
		assertThat(listed).isSortedAccordingTo(Comparator.comparing(TaskSummary::submittedAt));
		assertThat(listed).allSatisfy((task) -> assertThat(task.state()).isEqualTo(TaskState.PENDING));
	}

	@Test
	void statesAreFilteredAsTheTasksStandWhileTheyAreWorked() {
		List<TaskId> good = new ArrayList<>();
		List<TaskId> bad = new ArrayList<>();
		List<TaskId> later = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			good.add(client(i).submit("search-mixed", "ok-" + i));
		}
		for (int i = 0; i < 5; i++) {
			bad.add(client(i).submit("search-mixed", "fail-" + i));
		}
		for (int i = 0; i < 4; i++) {
			later.add(client(i).submit("search-mixed", "ok-later-" + i,
					SubmitOptions.delayed(Duration.ofHours(1))));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> good.stream()
			.allMatch((id) -> client(1).status(id).state() == TaskState.SUCCEEDED)
				&& bad.stream().allMatch((id) -> client(2).status(id).state() == TaskState.DEAD));
		TaskQuery mixed = TaskQuery.named("search-mixed").pageSize(4);
		assertThat(ids(listAll(mixed.inState(TaskState.SUCCEEDED)))).containsExactlyInAnyOrderElementsOf(good);
		assertThat(ids(listAll(mixed.inState(TaskState.DEAD)))).containsExactlyInAnyOrderElementsOf(bad);
		assertThat(ids(listAll(mixed.inState(TaskState.SCHEDULED)))).containsExactlyInAnyOrderElementsOf(later);
		assertThat(listAll(mixed.inState(TaskState.SCHEDULED)))
			.allSatisfy((task) -> assertThat(task.notBefore()).isAfter(Instant.now()));
		assertThat(listAll(mixed.inState(TaskState.PENDING))).isEmpty();
		assertThat(ids(listAll(mixed.inState(TaskState.DEAD, TaskState.SCHEDULED)))).hasSize(9);
		assertThat(listAll(mixed)).hasSize(21);
		assertThat(listAll(mixed.inState(TaskState.RUNNING, TaskState.CANCELLED))).isEmpty();
		assertThat(listAll(mixed.inState(TaskState.DEAD))).allSatisfy((task) -> assertThat(task.attempts()).isOne());
	}

	@Test
	void submitTimeRangeListsOnlyTasksSubmittedWithinIt() {
		List<TaskId> before = new ArrayList<>();
		List<TaskId> after = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			before.add(client(i).submit("search-range", "before-" + i));
		}
		await().until(() -> Instant.now().toEpochMilli() > submittedAt(before.get(before.size() - 1)) + 5);
		Instant cut = Instant.now();
		await().until(() -> Instant.now().isAfter(cut.plusMillis(5)));
		for (int i = 0; i < 7; i++) {
			after.add(client(i).submit("search-range", "after-" + i));
		}
		TaskQuery range = TaskQuery.named("search-range").pageSize(3);
		assertThat(ids(listAll(range.submittedBetween(cut, null)))).containsExactlyInAnyOrderElementsOf(after);
		assertThat(ids(listAll(range.submittedBetween(null, cut)))).containsExactlyInAnyOrderElementsOf(before);
		assertThat(ids(listAll(range.submittedBetween(cut.minus(Duration.ofDays(1)), cut)))).containsExactlyInAnyOrderElementsOf(before);
	}

	@Test
	void aNameWithoutTasksListsAnEmptyLastPage() {
		TaskPage page = client(0).list(TaskQuery.named("search-nothing"));
		assertThat(page.items()).isEmpty();
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void aCancelledTaskIsListedAsCancelled() {
		TaskQuery query = TaskQuery.named("search-mixed").inState(TaskState.CANCELLED);
		TaskId id = client(0).submit("search-mixed", "ok-cancel",
				SubmitOptions.delayed(Duration.ofHours(1)));
		assertThat(client(1).cancel(id)).isTrue();
		assertThat(ids(listAll(query))).contains(id);
		assertThat(client(2).status(id).state()).isEqualTo(TaskState.CANCELLED);
	}

	@Test
	void aDelayedTaskIsScheduledOnEveryInstanceUntilDueThenRuns() {
		TaskId later = client(0).submit("search-scheduled", "in an hour", SubmitOptions.delayed(Duration.ofHours(1)));
		Instant due = Instant.now().plusSeconds(2);
		TaskId soon = client(1).submit("search-scheduled", "soon", SubmitOptions.none().notBefore(due));
		for (int i = 0; i < 3; i++) {
			assertThat(client(i).status(later).state()).isEqualTo(TaskState.SCHEDULED);
			assertThat(client(i).status(later).notBefore()).isAfter(Instant.now().plusSeconds(3000));
		}
		List<TaskSummary> scheduled = listAll(TaskQuery.named("search-scheduled").inState(TaskState.SCHEDULED));
		assertThat(ids(scheduled)).contains(later);
		assertThat(scheduled).allSatisfy((task) -> assertThat(task.notBefore()).isNotNull());
		await().atMost(Duration.ofSeconds(60)).until(() -> client(2).status(soon).state() != TaskState.SCHEDULED);
		assertThat(Instant.now()).isAfterOrEqualTo(due);
		for (int i = 0; i < 3; i++) {
			TaskClient client = client(i);
			await().atMost(Duration.ofSeconds(60)).until(() -> client.status(soon).state() == TaskState.SUCCEEDED);
		}
		assertThat(client(0).status(later).state()).isEqualTo(TaskState.SCHEDULED);
		assertThat(ids(listAll(TaskQuery.named("search-scheduled").inState(TaskState.SUCCEEDED)))).containsExactly(soon);
	}

	private static long submittedAt(TaskId id) {
		return Long.parseLong(id.uid().substring(0, 9), 36);
	}

	/** Every page of a query, each read by the next instance. */
	static List<TaskSummary> listAll(TaskQuery query) {
		List<TaskSummary> all = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			TaskPage page = client(pages).list(query.after(cursor));
			assertThat(page.items()).hasSizeLessThanOrEqualTo(query.pageSize());
			all.addAll(page.items());
			cursor = page.nextCursor();
			pages++;
			assertThat(pages).as("pages").isLessThan(1000);
		}
		while (cursor != null);
		return all;
	}

	private static List<TaskId> ids(List<TaskSummary> tasks) {
		return tasks.stream().map(TaskSummary::id).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class SearchHandlers {

		@Bean
		MixedHandler mixedHandler() {
			return new MixedHandler();
		}

	}

	static class MixedHandler {

		@WorkflowTask(name = "search-mixed", maxAttempts = 1)
		public String work(String payload) {
			if (payload.startsWith("fail")) {
				throw new IllegalStateException("refused " + payload);
			}
			return payload + " done";
		}

		@WorkflowTask(name = "search-range")
		public String range(String payload) {
			return payload;
		}

		@WorkflowTask(name = "search-scheduled")
		public String scheduled(String payload) {
			return payload;
		}

	}

}
