package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dynamic fan-out ({@code forEach}) on three instances sharing one ZooKeeper: bounded
 * parallelism, outputs in input order, a failing element, cancel mid-fan-out, and 10,000
 * elements without a large znode. Bad inputs are in {@link FanOutBadInputTests}.
 */
class FanOutTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	private static WorkflowClient client;

	@BeforeAll
	static void startInstances() {
		instances = FanOutWorkflows.instances(zookeeper);
		client = instances.get(0).getBean(WorkflowClient.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void runsEveryElementOnceWithBoundedParallelismAndJoinsOutputsInOrder() {
		WorkflowId id = client.start("charge-lines", 200);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		List<String> expected = IntStream.range(0, 200).mapToObj((i) -> "charged-" + i).toList();
		assertThat(FanOutWorkflows.joined.get(id.value())).containsExactlyElementsOf(expected);
		assertThat(status.step("charge-line").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(status.step("charge-line").output()).hasSize(200);
		Map<Integer, AtomicInteger> runs = FanOutWorkflows.charges.get(id.value());
		assertThat(runs).hasSize(200);
		assertThat(runs.values()).allMatch((count) -> count.get() == 1);
		assertThat(FanOutWorkflows.maxRunning.get()).isBetween(1, 4);
		assertThat(FanOutWorkflows.instancesUsed).hasSizeGreaterThan(1);
	}

	@Test
	void aFailingElementFailsTheStepAfterItsAttemptsAndRunsTheCompensation() throws Exception {
		WorkflowId id = client.start("flaky-lines", 20);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("flaky-line").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("flaky-line").error())
			.contains("Element 7 of fan-out step 'flaky-line' failed after 2 attempt(s)")
			.contains("line 7 is broken");
		assertThat(status.step("after-flaky").state()).isEqualTo(StepState.CANCELLED);
		assertThat(FanOutWorkflows.flakyAttempts.get(id.value() + "/7").get()).isEqualTo(2);
		assertThat(FanOutWorkflows.compensations.get(id.value()).get()).isEqualTo(1);
		assertThat(inFlight(id, "flaky-line")).isEmpty();
	}

	@Test
	void cancellingMidFanOutWithdrawsThePendingElements() throws Exception {
		WorkflowId id = client.start("gated-lines", 50);
		// three instances, each runs one gated element at a time: three run, the fourth waits
		await().until(() -> FanOutWorkflows.gated.getOrDefault(id.value(), new AtomicInteger()).get() == 3);
		await().until(() -> inFlight(id, "gated-line").size() == 4);
		assertThat(client.cancel(id)).isTrue();
		await().until(() -> inFlight(id, "gated-line").size() == 3);
		FanOutWorkflows.gate.countDown();
		WorkflowStatus status = await().atMost(Duration.ofSeconds(30))
			.until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(status.step("gated-line").state()).isEqualTo(StepState.CANCELLED);
		assertThat(status.step("gated-line").error()).contains("Stopped after 3 of 50 elements");
		assertThat(FanOutWorkflows.gated.get(id.value()).get()).isEqualTo(3);
		assertThat(inFlight(id, "gated-line")).isEmpty();
	}

	@Test
	void tenThousandElementsKeepEveryZnodeSmall() throws Exception {
		WorkflowId id = client.start("many-lines", 10_000);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(150))
			.until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("count-lines").output().asInt()).isEqualTo(10_000);
		CuratorFramework curator = instances.get(1).getBean(CuratorFramework.class);
		String workflow = "/zk-workflow/workflows/" + id.value();
		assertThat(curator.checkExists().forPath(workflow).getDataLength()).isLessThan(256 * 1024);
		String outputs = workflow + "/items/double-line/out";
		List<String> shards = curator.getChildren().forPath(outputs);
		assertThat(shards).hasSize(10);
		for (String shard : shards) {
			Stat stat = curator.checkExists().forPath(outputs + "/" + shard);
			assertThat(stat.getNumChildren()).isLessThanOrEqualTo(1000);
		}
		assertThat(curator.checkExists().forPath(workflow + "/items/double-line").getDataLength()).isLessThan(200);
	}

	@Test
	void theCoordinatorRemovesAFinishedFanOutWithItsItemsAfterTheRetention() throws Exception {
		WorkflowId id = client.start("charge-lines", 5);
		await().atMost(Duration.ofSeconds(30)).until(() -> client.status(id).state() == WorkflowState.COMPLETED);
		CuratorFramework curator = instances.get(0).getBean(CuratorFramework.class);
		String workflow = "/zk-workflow/workflows/" + id.value();
		assertThat(curator.checkExists().forPath(workflow + "/items/charge-line/out/0")).isNotNull();
		await().atMost(Duration.ofSeconds(90)).until(() -> curator.checkExists().forPath(workflow) == null);
		assertThat(client.status(id).state()).isEqualTo(WorkflowState.UNKNOWN);
	}

	private static List<String> inFlight(WorkflowId id, String step) throws Exception {
		CuratorFramework curator = instances.get(2).getBean(CuratorFramework.class);
		String path = "/zk-workflow/workflows/" + id.value() + "/items/" + step + "/run";
		return (curator.checkExists().forPath(path) != null) ? curator.getChildren().forPath(path) : List.of();
	}

	/**
	 * The definitions and handlers of the fan-out tests, shared with {@link FanOutBadInputTests}.
	 */
	@Configuration(proxyBeanMethods = false)
	static class FanOutWorkflows {

		static final Map<String, Map<Integer, AtomicInteger>> charges = new ConcurrentHashMap<>();

		static final Map<String, List<String>> joined = new ConcurrentHashMap<>();

		static final AtomicInteger running = new AtomicInteger();

		static final AtomicInteger maxRunning = new AtomicInteger();

		static final Map<String, Boolean> instancesUsed = new ConcurrentHashMap<>();

		static final Map<String, AtomicInteger> flakyAttempts = new ConcurrentHashMap<>();

		static final Map<String, AtomicInteger> compensations = new ConcurrentHashMap<>();

		static final Map<String, AtomicInteger> gated = new ConcurrentHashMap<>();

		static final CountDownLatch gate = new CountDownLatch(1);

		static ZkInstances instances(ZooKeeperServerExtension zookeeper, Class<?>... more) {
			Class<?>[] sources = new Class<?>[more.length + 1];
			sources[0] = FanOutWorkflows.class;
			System.arraycopy(more, 0, sources, 1, more.length);
			ZkInstances instances = WorkflowInstances.on(zookeeper)
				.properties("zk-workflow.workflows.max-output=256KB", "zk-workflow.tasks.max-payload=256KB",
						"zk-workflow.workflows.retention=20s");
			for (int i = 0; i < 3; i++) {
				instances.start(sources, "spring.application.name=fan-out-" + i);
			}
			return instances;
		}

		@Bean
		WorkflowDefinition chargeLines() {
			return WorkflowDefinition.named("charge-lines")
				.step("list-lines")
				.forEach("charge-line", 4)
				.then("join-lines")
				.build();
		}

		@Bean
		WorkflowDefinition flakyLines() {
			return WorkflowDefinition.named("flaky-lines")
				.step("list-lines")
				.forEach("flaky-line", 3)
				.then("after-flaky")
				.onFailure("undo-lines")
				.options("flaky-line", StepOptions.maxAttempts(2).backoff(Duration.ofMillis(50)))
				.build();
		}

		@Bean
		WorkflowDefinition gatedLines() {
			return WorkflowDefinition.named("gated-lines").step("list-lines").forEach("gated-line", 4).build();
		}

		@Bean
		WorkflowDefinition manyLines() {
			return WorkflowDefinition.named("many-lines")
				.step("list-lines")
				.forEach("double-line", 32)
				.then("count-lines")
				.build();
		}

		@Bean
		Handlers fanOutHandlers(org.springframework.core.env.Environment environment) {
			return new Handlers(environment.getProperty("spring.application.name", "?"));
		}

		static class Handlers {

			private final String instance;

			Handlers(String instance) {
				this.instance = instance;
			}

			@WorkflowTask(name = "list-lines")
			List<Integer> list(int count) {
				return IntStream.range(0, count).boxed().toList();
			}

			@WorkflowTask(name = "charge-line", concurrency = 8)
			String charge(int line, TaskContext context) throws InterruptedException {
				int now = running.incrementAndGet();
				maxRunning.accumulateAndGet(now, Math::max);
				instancesUsed.put(this.instance, true);
				try {
					charges.computeIfAbsent(context.attributes().get("zk-workflow.workflow"),
							(k) -> new ConcurrentHashMap<>())
						.computeIfAbsent(line, (k) -> new AtomicInteger())
						.incrementAndGet();
					// simulated work, so that elements overlap if the bound did not hold
					TimeUnit.MILLISECONDS.sleep(5);
					return "charged-" + line;
				}
				finally {
					running.decrementAndGet();
				}
			}

			@WorkflowTask(name = "join-lines")
			int join(List<String> outputs, TaskContext context) {
				joined.put(context.attributes().get("zk-workflow.workflow"), new ArrayList<>(outputs));
				return outputs.size();
			}

			@WorkflowTask(name = "flaky-line")
			int flaky(int line, TaskContext context) {
				if (line == 7) {
					flakyAttempts.computeIfAbsent(context.attributes().get("zk-workflow.workflow") + "/7",
							(k) -> new AtomicInteger())
						.incrementAndGet();
					throw new IllegalStateException("line 7 is broken");
				}
				return line;
			}

			@WorkflowTask(name = "after-flaky")
			int afterFlaky(List<Integer> lines) {
				return lines.size();
			}

			@WorkflowTask(name = "undo-lines")
			void undo(CompensationInput input) {
				compensations.computeIfAbsent(input.workflowId(), (k) -> new AtomicInteger()).incrementAndGet();
			}

			@WorkflowTask(name = "gated-line", concurrency = 1)
			int gated(int line, TaskContext context) throws InterruptedException {
				gated.computeIfAbsent(context.attributes().get("zk-workflow.workflow"), (k) -> new AtomicInteger())
					.incrementAndGet();
				gate.await(60, TimeUnit.SECONDS);
				return line;
			}

			@WorkflowTask(name = "double-line", concurrency = 16)
			int doubleLine(int line) {
				return line * 2;
			}

			@WorkflowTask(name = "count-lines")
			int count(List<Integer> doubled) {
				for (int i = 0; i < doubled.size(); i++) {
					if (doubled.get(i) != 2 * i) {
						throw new IllegalStateException("Output " + i + " is " + doubled.get(i) + ", out of order");
					}
				}
				return doubled.size();
			}

		}

	}

}
