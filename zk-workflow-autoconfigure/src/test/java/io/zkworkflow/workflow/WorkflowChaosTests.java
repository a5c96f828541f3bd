package io.zkworkflow.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 500 fan-out/fan-in workflows on three instances whose ZooKeeper sessions are expired at
 * random points of the run: every workflow completes exactly once, and every step's task is
 * enqueued and committed exactly once.
 */
class WorkflowChaosTests {

	private static final int WORKFLOWS = 500;

	private static final List<String> STEPS = List.of("c-a", "c-b", "c-c", "c-d");

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final ZkInstances instances = WorkflowInstances.on(zookeeper);

	static final AtomicLong invocations = new AtomicLong();

	private static final Map<WorkflowId, AtomicInteger> completedEvents = new ConcurrentHashMap<>();

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void everyWorkflowCompletesOnceWhileSessionsExpireAtRandomPoints() throws Exception {
		for (int i = 0; i < 3; i++) {
			ConfigurableApplicationContext context = instances.start(ChaosWorkflow.class);
			context.addApplicationListener(ApplicationListener.forPayload((Object event) -> {
				if (event instanceof WorkflowCompletedEvent completed) {
					completedEvents.computeIfAbsent(completed.id(), (id) -> new AtomicInteger()).incrementAndGet();
				}
			}));
		}
		List<ConfigurableApplicationContext> contexts = instances.all();
		Random random = new Random();
		AtomicBoolean done = new AtomicBoolean();
		AtomicInteger kills = new AtomicInteger();
		Thread killer = new Thread(() -> {
			long next = 40 + random.nextInt(80);
			while (!done.get()) {
				long threshold = next;
				await().atMost(java.time.Duration.ofMinutes(2))
					.until(() -> done.get() || invocations.get() >= threshold);
				if (done.get()) {
					return;
				}
				int victim = random.nextInt(contexts.size());
				try {
					instances.expireSession(victim);
					kills.incrementAndGet();
				}
				catch (Exception ex) {
					// not connected at this moment: try again at the next point
				}
				next = invocations.get() + 40 + random.nextInt(160);
			}
		}, "session-killer");
		killer.setDaemon(true);
		killer.start();

		List<WorkflowId> ids = Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < WORKFLOWS; i++) {
			String key = "chaos-" + i;
			WorkflowClient client = contexts.get(i % contexts.size()).getBean(WorkflowClient.class);
			WorkflowId id = await().ignoreExceptions().until(() -> client.start("chaos", key,
					StartOptions.idempotencyKey(key)), (started) -> true);
			ids.add(id);
		}
		assertThat(new HashSet<>(ids)).hasSize(WORKFLOWS);
		WorkflowClient reader = contexts.get(0).getBean(WorkflowClient.class);
		await().atMost(java.time.Duration.ofMinutes(2)).ignoreExceptions().until(() -> ids.stream()
			.allMatch((id) -> reader.status(id).state().isFinished()));
		done.set(true);
		killer.join();

		assertThat(kills.get()).as("sessions expired during the run").isGreaterThanOrEqualTo(5);
		Map<String, Set<String>> taskIdsByStep = new ConcurrentHashMap<>();
		for (WorkflowId id : ids) {
			WorkflowStatus status = reader.status(id);
			assertThat(status.state()).as(id + " " + status).isEqualTo(WorkflowState.COMPLETED);
			assertThat(status.step("c-d").output().asString()).isEqualTo("c-b+c-c");
			for (String step : STEPS) {
				assertThat(status.step(step).state()).isEqualTo(StepState.SUCCEEDED);
				taskIdsByStep.computeIfAbsent(step, (s) -> ConcurrentHashMap.newKeySet())
					.add(status.step(step).taskId().substring(step.length() + 1));
			}
		}
		CuratorFramework curator = contexts.get(0).getBean(CuratorFramework.class);
		for (String step : STEPS) {
			Set<String> committed = committedTasks(curator, step);
			assertThat(committed).as("tasks of step " + step + " committed once each, none extra")
				.hasSize(WORKFLOWS)
				.isEqualTo(taskIdsByStep.get(step));
			assertThat(curator.checkExists().forPath("/zk-workflow/tasks/" + step + "/dead") == null
					|| curator.getChildren().forPath("/zk-workflow/tasks/" + step + "/dead").isEmpty())
				.as("no dead letters for " + step)
				.isTrue();
		}
		assertThat(completedEvents.values()).allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
	}

	/** The uids of the tasks of {@code step} that committed an outcome (done records). */
	private static Set<String> committedTasks(CuratorFramework curator, String step) throws Exception {
		Set<String> uids = new HashSet<>();
		String doneRoot = "/zk-workflow/tasks/" + step + "/done";
		for (String bucket : curator.getChildren().forPath(doneRoot)) {
			uids.addAll(curator.getChildren().forPath(doneRoot + "/" + bucket));
		}
		return uids;
	}

	@Configuration(proxyBeanMethods = false)
	static class ChaosWorkflow {

		@Bean
		WorkflowDefinition chaos() {
			return WorkflowDefinition.named("chaos").step("c-a").thenParallel("c-b", "c-c").then("c-d").build();
		}

		@Bean
		Steps chaosSteps() {
			return new Steps();
		}

	}

	static class Steps {

		@WorkflowTask(name = "c-a", maxAttempts = 10, backoff = "20ms", concurrency = 8)
		String first(String key) {
			invocations.incrementAndGet();
			return key;
		}

		@WorkflowTask(name = "c-b", maxAttempts = 10, backoff = "20ms", concurrency = 8)
		String left(String key) {
			invocations.incrementAndGet();
			return "c-b";
		}

		@WorkflowTask(name = "c-c", maxAttempts = 10, backoff = "20ms", concurrency = 8)
		String right(String key) {
			invocations.incrementAndGet();
			return "c-c";
		}

		@WorkflowTask(name = "c-d", maxAttempts = 10, backoff = "20ms", concurrency = 8)
		String join(Map<String, String> parents, TaskContext context) {
			invocations.incrementAndGet();
			return String.join("+", new java.util.TreeSet<>(parents.values()));
		}

	}

}
