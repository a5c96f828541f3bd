package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link WorkflowClient#list(WorkflowQuery)} with three instances on one ZooKeeper, each its
 * own session: all three start and run workflows, and each page is read by another instance
 * than the one before, so cursors travel between instances.
 */
class WorkflowSearchTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final CountDownLatch held = new CountDownLatch(1);

	private static ZkInstances instances;

	@BeforeAll
	static void startInstances() {
		instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			instances.start(SearchWorkflows.class);
		}
	}

	@AfterAll
	static void stopInstances() {
		held.countDown();
		instances.close();
	}

	private static WorkflowClient client(int index) {
		return instances.get(index % 3).getBean(WorkflowClient.class);
	}

	@Test
	void pagingThroughMoreWorkflowsThanOnePageReturnsEachExactlyOnceInStartOrder() {
		List<WorkflowId> started = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			started.add(client(i).start("search-flow", "ok-" + i));
		}
		List<WorkflowSummary> listed = listAll(WorkflowQuery.of("search-flow").pageSize(23));
		assertThat(listed).extracting(WorkflowSummary::id).doesNotHaveDuplicates();
		assertThat(listed).extracting(WorkflowSummary::id).containsExactlyInAnyOrderElementsOf(started);
		assertThat(listed).isSortedAccordingTo(Comparator.comparing(WorkflowSummary::startedAt));
		assertThat(listed).extracting(WorkflowSummary::definition).containsOnly("search-flow");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> listAll(WorkflowQuery.of("search-flow").inState(WorkflowState.COMPLETED).pageSize(100))
				.size() == started.size());
		assertThat(listAll(WorkflowQuery.of("search-flow").inState(WorkflowState.RUNNING))).isEmpty();
	}

	@Test
	void statesAreFilteredAsTheWorkflowsStandWhileTheyRun() {
		List<WorkflowId> ok = new ArrayList<>();
		List<WorkflowId> failing = new ArrayList<>();
		List<WorkflowId> holding = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ok.add(client(i).start("search-filter", "ok-" + i));
			if (i < 4) {
				failing.add(client(i + 1).start("search-filter", "fail-" + i));
			}
			if (i < 3) {
				holding.add(client(i + 2).start("search-filter", "hold-" + i));
			}
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> ok.stream().allMatch((id) -> client(0).status(id).state() == WorkflowState.COMPLETED)
					&& failing.stream().allMatch((id) -> client(1).status(id).state() == WorkflowState.FAILED));
		WorkflowQuery query = WorkflowQuery.of("search-filter").pageSize(2);
		assertThat(ids(listAll(query.inState(WorkflowState.COMPLETED)))).containsExactlyInAnyOrderElementsOf(ok);
		assertThat(ids(listAll(query.inState(WorkflowState.FAILED)))).containsExactlyInAnyOrderElementsOf(failing);
		assertThat(ids(listAll(query.inState(WorkflowState.RUNNING)))).containsExactlyInAnyOrderElementsOf(holding);
		assertThat(listAll(query.inState(WorkflowState.FAILED))).allSatisfy((workflow) -> {
			assertThat(workflow.error()).contains("refused");
			assertThat(workflow.finishedAt()).isNotNull();
		});
		assertThat(listAll(query)).hasSize(13);
		assertThat(listAll(query.inState(WorkflowState.CANCELLED))).isEmpty();
		assertThat(listAll(WorkflowQuery.of("search-elsewhere"))).isEmpty();
	}

	@Test
	void startTimeRangeListsOnlyWorkflowsStartedWithinIt() {
		List<WorkflowId> before = new ArrayList<>();
		List<WorkflowId> after = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			before.add(client(i).start("search-range", "ok-" + i));
		}
		Instant last = client(0).status(before.get(before.size() - 1)).startedAt();
		await().until(() -> Instant.now().isAfter(last.plusMillis(5)));
		Instant cut = Instant.now();
		await().until(() -> Instant.now().isAfter(cut.plusMillis(5)));
		for (int i = 0; i < 4; i++) {
			after.add(client(i).start("search-range", "ok-" + i));
		}
		WorkflowQuery range = WorkflowQuery.of("search-range").pageSize(3);
		assertThat(ids(listAll(range.startedBetween(cut, null)))).containsExactlyInAnyOrderElementsOf(after);
		assertThat(ids(listAll(range.startedBetween(null, cut)))).containsExactlyInAnyOrderElementsOf(before);
	}

	@Test
	void theSweepRemovesEmptyHourBucketsOfTheIndexAndKeepsUsedOnes() throws Exception {
		CuratorFramework curator = instances.get(1).getBean(CuratorFramework.class);
		ZkRoot root = instances.get(1).getBean(ZkRoot.class);
		// hours 1 and 2 of 1970: long past every retention
		String empty = root.resolve("workflow-definitions", "search-old", "index", "1");
		String used = root.resolve("workflow-definitions", "search-old", "index", "2");
		curator.create().creatingParentsIfNeeded().forPath(empty);
		curator.create().creatingParentsIfNeeded().forPath(used + "/7200/000000000-w-kept");
		await().atMost(Duration.ofSeconds(20)).until(() -> curator.checkExists().forPath(empty) == null);
		assertThat(curator.checkExists().forPath(used)).isNotNull();
		curator.delete().deletingChildrenIfNeeded().forPath(root.resolve("workflow-definitions", "search-old"));
	}

	/** Every page of a query, each read by the next instance. */
	static List<WorkflowSummary> listAll(WorkflowQuery query) {
		List<WorkflowSummary> all = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			WorkflowPage page = client(pages).list(query.after(cursor));
			assertThat(page.items()).hasSizeLessThanOrEqualTo(query.pageSize());
			all.addAll(page.items());
			cursor = page.nextCursor();
			pages++;
			assertThat(pages).as("pages").isLessThan(1000);
		}
		while (cursor != null);
		return all;
	}

	private static List<WorkflowId> ids(List<WorkflowSummary> workflows) {
		return workflows.stream().map(WorkflowSummary::id).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class SearchWorkflows {

		@Bean
		WorkflowDefinition searchFlow() {
			return WorkflowDefinition.named("search-flow").step("search-step").build();
		}

		@Bean
		WorkflowDefinition searchFilter() {
			return WorkflowDefinition.named("search-filter").step("search-step").build();
		}

		@Bean
		WorkflowDefinition searchRange() {
			return WorkflowDefinition.named("search-range").step("search-step").build();
		}

		@Bean
		SearchSteps searchSteps() {
			return new SearchSteps();
		}

	}

	static class SearchSteps {

		@WorkflowTask(name = "search-step", maxAttempts = 1, concurrency = 8)
		String step(String input) throws InterruptedException {
			if (input.startsWith("fail")) {
				throw new IllegalStateException("refused " + input);
			}
			if (input.startsWith("hold")) {
				held.await(5, TimeUnit.MINUTES);
			}
			return input + " done";
		}

	}

}
