package io.zkworkflow.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link TaskClient#submitAll} against a real ZooKeeper with two instances: overlapping
 * batches with idempotency keys racing, and batches refused before anything is written.
 */
class TaskSubmitAllTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

	private static ZkInstances instances;

	private static final List<TaskClient> clients = new ArrayList<>();

	private static CuratorFramework curator;

	@BeforeAll
	static void startInstances() {
		instances = TaskInstances.on(zookeeper);
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext context = instances.start(BatchWorker.class,
					"zk-workflow.tasks.max-payload=1KB");
			clients.add(context.getBean(TaskClient.class));
			curator = context.getBean(CuratorFramework.class);
		}
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void overlappingBatchesFromTwoInstancesRunEveryKeyExactlyOnce() throws Exception {
		List<TaskSubmission> first = keyed(0, 300);
		// a repeat within the batch answers with the first element's task
		first.add(new TaskSubmission("batch-count", "k-7", SubmitOptions.idempotencyKey("k-7")));
		List<TaskSubmission> second = keyed(150, 450);
		CompletableFuture<List<SubmitResult>> a = CompletableFuture.supplyAsync(() -> clients.get(0).submitAll(first));
		CompletableFuture<List<SubmitResult>> b = CompletableFuture.supplyAsync(() -> clients.get(1).submitAll(second));
		List<SubmitResult> fromA = a.get(2, TimeUnit.MINUTES);
		List<SubmitResult> fromB = b.get(2, TimeUnit.MINUTES);
		assertThat(fromA).hasSize(301);
		assertThat(fromB).hasSize(300);
		assertThat(fromA.get(300)).isEqualTo(new SubmitResult(fromA.get(7).id(), false));
		Map<String, TaskId> byKey = new HashMap<>();
		int created = 0;
		for (int n = 0; n < 300; n++) {
			byKey.put("k-" + n, fromA.get(n).id());
			created += fromA.get(n).created() ? 1 : 0;
		}
		for (int n = 0; n < 300; n++) {
			SubmitResult result = fromB.get(n);
			String key = "k-" + (150 + n);
			if (byKey.containsKey(key)) {
				// the overlap: both instances were answered with the same task, one created it
				assertThat(result.id()).isEqualTo(byKey.get(key));
				assertThat(result.created()).isNotEqualTo(fromA.get(150 + n).created());
			}
			byKey.put(key, result.id());
			created += result.created() ? 1 : 0;
		}
		assertThat(created).isEqualTo(450);
		assertThat(byKey.values()).doesNotHaveDuplicates();
		await().atMost(Duration.ofMinutes(2)).until(() -> runs.size() == 450);
		await().atMost(Duration.ofMinutes(1))
			.until(() -> byKey.values().stream().allMatch((id) -> clients.get(0).status(id).state() == TaskState.SUCCEEDED));
		assertThat(runs.values()).allMatch((count) -> count.get() == 1);
		// a later batch with the same keys creates nothing
		List<SubmitResult> again = clients.get(1).submitAll(keyed(440, 450));
		assertThat(again).extracting(SubmitResult::created).containsOnly(false);
		assertThat(again.get(0).id()).isEqualTo(byKey.get("k-440"));
	}

	@Test
	void elementAboveThePayloadLimitRefusesTheWholeBatch() throws Exception {
		List<TaskSubmission> batch = new ArrayList<>();
		batch.add(new TaskSubmission("batch-parked", "small", SubmitOptions.idempotencyKey("p-0")));
		batch.add(TaskSubmission.of("batch-parked", "small"));
		batch.add(TaskSubmission.of("batch-parked", "x".repeat(2000)));
		assertThatExceptionOfType(PayloadTooLargeException.class).isThrownBy(() -> clients.get(0).submitAll(batch))
			.withMessageContaining("Element 2 of the batch was refused, nothing of the batch was written")
			.withMessageContaining("zk-workflow.tasks.max-payload (1024 bytes)");
		assertThat(waiting("batch-parked")).isZero();
		// the key of the first element was not used: it creates its task now
		assertThat(clients.get(0).submitAll(batch.subList(0, 1)).get(0).created()).isTrue();
	}

	@Test
	void badNameRefusesTheWholeBatch() throws Exception {
		List<TaskSubmission> batch = List.of(TaskSubmission.of("batch-named", 1), TaskSubmission.of("no/such", 2));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> clients.get(0).submitAll(batch))
			.withMessageContaining("Element 1 of the batch was refused")
			.withMessageContaining("Task name 'no/such'");
		assertThat(curator.checkExists().forPath("/zk-workflow/tasks/batch-named")).isNull();
	}

	@Test
	void batchAboveTheElementLimitIsRefused() throws Exception {
		List<TaskSubmission> batch = new ArrayList<>();
		for (int i = 0; i <= 10_000; i++) {
			batch.add(TaskSubmission.of("batch-huge", i));
		}
		assertThatExceptionOfType(TaskSubmitException.class).isThrownBy(() -> clients.get(0).submitAll(batch))
			.withMessageContaining("A batch of 10001 submissions is above the most submitAll takes (10000)");
		assertThat(curator.checkExists().forPath("/zk-workflow/tasks/batch-huge")).isNull();
	}

	@Test
	void batchThatWouldPassMaxPendingIsRefused() throws Exception {
		TaskClient limited = instances.start(Object.class, "zk-workflow.tasks.max-pending=3").getBean(TaskClient.class);
		limited.submit("batch-backlog", 0);
		List<TaskSubmission> batch = List.of(TaskSubmission.of("batch-backlog", 1),
				TaskSubmission.of("batch-backlog", 2), TaskSubmission.of("batch-backlog", 3));
		assertThatExceptionOfType(TooManyPendingTasksException.class).isThrownBy(() -> limited.submitAll(batch))
			.withMessageContaining("nothing of it was written")
			.withMessageContaining("has 1 tasks waiting and 3 more were submitted")
			.withMessageContaining("zk-workflow.tasks.max-pending is 3");
		assertThat(waiting("batch-backlog")).isEqualTo(1);
		assertThat(limited.submitAll(batch.subList(0, 2))).extracting(SubmitResult::created).containsOnly(true);
		assertThat(waiting("batch-backlog")).isEqualTo(3);
	}

	private static List<TaskSubmission> keyed(int from, int to) {
		List<TaskSubmission> batch = new ArrayList<>();
		for (int n = from; n < to; n++) {
			batch.add(new TaskSubmission("batch-count", "k-" + n, SubmitOptions.idempotencyKey("k-" + n)));
		}
		return batch;
	}

	/** Ready and delayed tasks of a name, counted from ZooKeeper. */
	private static long waiting(String name) throws Exception {
		long total = 0;
		for (String root : List.of("/zk-workflow/tasks/" + name + "/q", "/zk-workflow/tasks/" + name + "/delay")) {
			if (curator.checkExists().forPath(root) == null) {
				continue;
			}
			for (String child : curator.getChildren().forPath(root)) {
				total += curator.getChildren().forPath(root + "/" + child).size();
			}
		}
		return total;
	}

	@Configuration(proxyBeanMethods = false)
	static class BatchWorker {

		@Bean
		Object batchCountHandler() {
			return new Object() {

				@WorkflowTask(name = "batch-count", concurrency = 8)
				public void count(String key) {
					runs.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
				}

			};
		}

	}

}
