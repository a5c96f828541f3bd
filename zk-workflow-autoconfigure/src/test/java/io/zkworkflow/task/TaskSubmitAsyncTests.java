package io.zkworkflow.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link TaskClient#submitAsync} against a real ZooKeeper, with two worker instances: many
 * submits in flight, idempotency keys (also racing), the payload and pending limits and
 * missing parents.
 */
class TaskSubmitAsyncTests {

	private static final int TASKS = 2_000;

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final Map<TaskId, AtomicInteger> commits = new ConcurrentHashMap<>();

	static final Map<TaskId, Integer> outputs = new ConcurrentHashMap<>();

	private static ZkInstances instances;

	private static TaskClient client;

	private static CuratorFramework curator;

	@BeforeAll
	static void startInstances() {
		instances = TaskInstances.on(zookeeper);
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext context = instances.start(AsyncWorker.class,
					"zk-workflow.tasks.max-payload=1KB");
			context.addApplicationListener(ApplicationListener.forPayload(TaskSubmitAsyncTests::record));
			if (i == 0) {
				client = context.getBean(TaskClient.class);
				curator = context.getBean(CuratorFramework.class);
			}
		}
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void manySubmitsInFlightAreEachCommittedAndRunExactlyOnce() throws Exception {
		List<CompletableFuture<TaskId>> futures = new ArrayList<>(TASKS);
		for (int i = 0; i < TASKS; i++) {
			futures.add(client.submitAsync("async-noop", i));
		}
		CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
		Map<TaskId, Integer> submitted = new ConcurrentHashMap<>();
		for (int i = 0; i < TASKS; i++) {
			submitted.put(futures.get(i).join(), i);
		}
		assertThat(submitted).hasSize(TASKS);
		await().atMost(Duration.ofMinutes(2)).until(() -> submitted.keySet().stream().allMatch(commits::containsKey));
		assertThat(submitted.keySet()).allMatch((id) -> commits.get(id).get() == 1);
		submitted.forEach((id, payload) -> assertThat(outputs.get(id)).isEqualTo(payload));
		assertThat(client.status(futures.get(0).join()).state()).isEqualTo(TaskState.SUCCEEDED);
	}

	@Test
	void idempotencyKeyAnswersWithTheFirstTaskAndCreatesNothing() throws Exception {
		TaskId first = client.submitAsync("async-parked", "a", SubmitOptions.idempotencyKey("order-1")).get();
		TaskId again = client.submitAsync("async-parked", "b", SubmitOptions.idempotencyKey("order-1")).get();
		assertThat(again).isEqualTo(first);
		assertThat(client.submit("async-parked", "c", SubmitOptions.idempotencyKey("order-1"))).isEqualTo(first);
		assertThat(waiting("async-parked")).isEqualTo(1);
		assertThat(client.status(first).state()).isEqualTo(TaskState.PENDING);
	}

	@Test
	void racingSubmitsWithOneKeyCreateOneTask() throws Exception {
		TaskId expired = client.submit("async-race", "warm-up", SubmitOptions.idempotencyKey("shared"));
		// the key's retention ran out (its marker is gone, its bucket stays): racers all miss it
		// on their first read, one commits and the others lose on the marker
		deleteMarker("async-race", "shared");
		for (int shard = 0; shard < 16; shard++) {
			// every ready shard exists, so that only the marker decides between the racers
			curator.create().orSetData().forPath("/zk-workflow/tasks/async-race/q/" + shard);
		}
		List<CompletableFuture<TaskId>> racers = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			racers.add(client.submitAsync("async-race", i, SubmitOptions.idempotencyKey("shared")));
		}
		Set<TaskId> ids = new HashSet<>();
		for (CompletableFuture<TaskId> racer : racers) {
			ids.add(racer.get(1, TimeUnit.MINUTES));
		}
		assertThat(ids).hasSize(1).doesNotContain(expired);
		assertThat(waiting("async-race")).isEqualTo(2);
	}

	private static void deleteMarker(String name, String key) throws Exception {
		String marker = null;
		for (String bucket : curator.getChildren().forPath("/zk-workflow/ids")) {
			for (String child : curator.getChildren().forPath("/zk-workflow/ids/" + bucket)) {
				if (child.contains(name) && child.contains(key)) {
					marker = "/zk-workflow/ids/" + bucket + "/" + child;
				}
			}
		}
		assertThat(marker).as("idempotency marker of %s:%s", name, key).isNotNull();
		curator.delete().forPath(marker);
	}

	@Test
	void payloadAboveTheLimitFailsTheFuture() {
		CompletableFuture<TaskId> future = client.submitAsync("async-noop", "x".repeat(2000));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(1, TimeUnit.MINUTES))
			.havingCause()
			.isInstanceOf(PayloadTooLargeException.class)
			.withMessageContaining("'async-noop'")
			.withMessageContaining("zk-workflow.tasks.max-payload (1024 bytes)");
		CompletableFuture<TaskId> keyed = client.submitAsync("async-noop", "x".repeat(2000),
				SubmitOptions.idempotencyKey("too-big"));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> keyed.get(1, TimeUnit.MINUTES))
			.havingCause()
			.isInstanceOf(PayloadTooLargeException.class);
	}

	@Test
	void tooManyPendingFailsTheFuture() throws Exception {
		TaskClient limited = instances.start(Object.class, "zk-workflow.tasks.max-pending=2").getBean(TaskClient.class);
		limited.submitAsync("async-backlog", 1).get(1, TimeUnit.MINUTES);
		limited.submitAsync("async-backlog", 2).get(1, TimeUnit.MINUTES);
		CompletableFuture<TaskId> third = limited.submitAsync("async-backlog", 3);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> third.get(1, TimeUnit.MINUTES))
			.havingCause()
			.isInstanceOf(TooManyPendingTasksException.class)
			.withMessageContaining("Task 'async-backlog' has 2 tasks waiting")
			.withMessageContaining("zk-workflow.tasks.max-pending is 2");
		assertThat(waiting("async-backlog")).isEqualTo(2);
	}

	@Test
	void badNameFailsTheFutureWithTheSameErrorAsSubmit() {
		CompletableFuture<TaskId> future = client.submitAsync("no/such name", 1);
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> future.get(1, TimeUnit.MINUTES))
			.havingCause()
			.isInstanceOf(IllegalArgumentException.class)
			.withMessageContaining("Task name 'no/such name' may only contain");
	}

	@Test
	void firstSubmitOfANewNameCreatesItsParents() throws Exception {
		assertThat(curator.checkExists().forPath("/zk-workflow/tasks/async-fresh")).isNull();
		TaskId id = client.submitAsync("async-fresh", "first").get(1, TimeUnit.MINUTES);
		assertThat(client.status(id).state()).isEqualTo(TaskState.PENDING);
		// parents gone after the name was counted: the transaction fails with NONODE and is retried
		curator.delete().deletingChildrenIfNeeded().forPath("/zk-workflow/tasks/async-fresh");
		TaskId again = client.submitAsync("async-fresh", "second").get(1, TimeUnit.MINUTES);
		assertThat(client.status(again).state()).isEqualTo(TaskState.PENDING);
		// a delayed task lands in a bucket nobody created yet
		TaskId delayed = client.submitAsync("async-fresh", "later", SubmitOptions.delayed(Duration.ofHours(2)))
			.get(1, TimeUnit.MINUTES);
		assertThat(client.status(delayed).state()).isEqualTo(TaskState.SCHEDULED);
		assertThat(waiting("async-fresh")).isEqualTo(2);
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

	private static void record(Object event) {
		if (event instanceof TaskCompletedEvent completed && completed.id().name().equals("async-noop")) {
			outputs.put(completed.id(), completed.output().asInt());
			commits.computeIfAbsent(completed.id(), (id) -> new AtomicInteger()).incrementAndGet();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class AsyncWorker {

		@Bean
		Object asyncNoOpHandler() {
			return new Object() {

				@WorkflowTask(name = "async-noop", concurrency = 8)
				public int noop(int value) {
					return value;
				}

			};
		}

	}

}
