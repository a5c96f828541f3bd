package io.zkworkflow.actuate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's reads and bulk operations on real ZooKeeper, with a worker instance doing the
 * work and a second instance (its own session) serving the endpoint: one task's detail and
 * attempts, throughput, dead letters retried, deleted and purged in bulk, the fleet's locks with
 * holder and waiter, and a workflow's detail and cancel.
 */
class ZkWorkflowConsoleOperationsTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ZkInstances instances = ZkInstances.on(zookeeper)
		.sources(Infrastructure.class)
		.properties("spring.cloud.zookeeper.session-timeout=4s", "zk-workflow.tasks.coordinator-interval=100ms",
				"zk-workflow.tasks.member-refresh=200ms", "management.endpoints.web.exposure.include=zkworkflow",
				"management.endpoint.zkworkflow.access=unrestricted", "logging.level.io.zkworkflow=WARN");

	@AfterEach
	void close() {
		Handlers.release.countDown();
		this.instances.close();
	}

	@Test
	void aTaskShowsItsPayloadOwnerTokenAndEveryAttemptWithItsStackTrace() {
		Handlers.release = new CountDownLatch(1);
		ConfigurableApplicationContext worker = this.instances.start(Handlers.class,
				"management.endpoint.zkworkflow.show-values=always");
		ConfigurableApplicationContext console = this.instances.start(Infrastructure.class);
		TaskId id = console.getBean(TaskClient.class).submit("console-flaky", Map.of("order", "o-1"));
		await().until(() -> {
			var status = console.getBean(TaskClient.class).status(id);
			return status.state() == TaskState.RUNNING && status.attempts() == 2;
		});

		Map<String, Object> detail = body(endpoint(console).view(SecurityContext.NONE, "tasks", "task", id.toString()));
		assertThat(detail).containsEntry("state", "RUNNING").containsEntry("attempts", 2).containsEntry("leaseHeld", true)
			.containsEntry("owner", worker.getBean(io.zkworkflow.task.internal.MemberDirectory.class).instanceId());
		assertThat(detail.get("fencingToken")).isInstanceOf(Long.class);
		assertThat(detail.get("lastError")).asString().contains("first attempt fails");
		assertThat(detail.get("payload")).as("masked: this instance shows no values").isEqualTo("******");
		assertThat(detail.get("timeline")).asString().contains("submittedAt").contains("claimedAt").contains("deadline");
		Map<String, Object> shown = body(endpoint(worker).view(SecurityContext.NONE, "tasks", "task", id.toString()));
		assertThat(shown.get("payload")).isEqualTo("{\"order\":\"o-1\"}");

		// the attempt the worker ran, read from ZooKeeper by the console instance
		assertThat((List<?>) detail.get("history")).singleElement().satisfies((attempt) -> {
			assertThat(attempt).asString().contains("outcome=FAILED").contains("attempt=1")
				.contains("instance=" + worker.getBean(io.zkworkflow.task.internal.MemberDirectory.class).instanceId());
			assertThat(((Map<?, ?>) attempt).get("stackTrace")).asString()
				.contains("IllegalStateException: first attempt fails")
				.contains("at " + Handlers.class.getName());
		});
		assertThat(endpoint(worker).view(SecurityContext.NONE, "tasks", "attempts", id.toString()).getStatus())
			.isEqualTo(404);
		Map<String, Object> throughput = body(endpoint(worker).view(SecurityContext.NONE, "tasks", "throughput", null));
		assertThat((List<?>) throughput.get("minutes")).hasSize(60);
		assertThat(throughput.get("minutes")).asString().contains("failed=1");

		assertThat(endpoint(console).view(SecurityContext.NONE, "tasks", "task", "console-flaky/nope").getStatus())
			.isEqualTo(404);
		assertThat(endpoint(console).view(SecurityContext.NONE, "tasks", "task", "no-slash").getBody()).asString()
			.contains("'no-slash' is not a task id");
		assertThat(endpoint(console).view(SecurityContext.NONE, "tasks", "task", "x".repeat(2000)).getBody()).asString()
			.contains("(2000 characters) is longer than 1024");
		assertThat(endpoint(console).view(SecurityContext.NONE, "tasks", "task", null).getBody()).asString()
			.contains("needs the task id");
		assertThat(endpoint(console).view(SecurityContext.NONE, "tasks", "nothing", null).getStatus()).isEqualTo(404);
	}

	@Test
	void deadLettersAreRetriedDeletedAndPurgedInBulk() {
		Handlers.failing = true;
		this.instances.start(Handlers.class);
		ConfigurableApplicationContext console = this.instances.start(Infrastructure.class);
		TaskClient tasks = console.getBean(TaskClient.class);
		List<TaskId> ids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			ids.add(tasks.submit("console-dead", "p" + i));
		}
		await().until(() -> tasks.deadLetters("console-dead", 100).size() == 6);
		ZkWorkflowEndpoint endpoint = endpoint(console);

		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i < 501; i++) {
			tooMany.add(ids.get(0).toString());
		}
		WebEndpointResponse<Object> refused = endpoint.operate(SecurityContext.NONE, "tasks", "delete-dead-letters", null,
				null, null, String.join("\n", tooMany));
		assertThat(refused.getStatus()).isEqualTo(400);
		assertThat(refused.getBody()).asString().contains("501 ids").contains("at most 500");
		WebEndpointResponse<Object> huge = endpoint.operate(SecurityContext.NONE, "tasks", "delete-dead-letters", null,
				null, null, "x".repeat(20 * 1024 * 1024));
		assertThat(huge.getStatus()).isEqualTo(400);
		assertThat(huge.getBody()).asString().contains("(20971520 characters)").hasSizeLessThan(400);
		WebEndpointResponse<Object> garbage = endpoint.operate(SecurityContext.NONE, "tasks", "delete-dead-letters",
				null, null, null, lines(ids.get(0).toString(), "not an id"));
		assertThat(garbage.getStatus()).isEqualTo(400);
		assertThat(tasks.deadLetters("console-dead", 100)).as("a bad id refuses the whole selection").hasSize(6);

		Map<String, Object> deleted = body(endpoint.operate(SecurityContext.NONE, "tasks", "delete-dead-letters", null,
				null, null, lines(ids.get(0).toString(), ids.get(1).toString(), "console-dead/" + ids.get(0).uid() + "x")));
		assertThat(deleted.get("deleted")).isEqualTo(List.of(ids.get(0).toString(), ids.get(1).toString()));
		assertThat((List<?>) deleted.get("notFound")).hasSize(1);

		Handlers.failing = false;
		Map<String, Object> retried = body(endpoint.operate(SecurityContext.NONE, "tasks", "retry-dead-letters", null,
				null, null, lines(ids.get(2).toString(), ids.get(3).toString())));
		assertThat(retried.get("retried")).isEqualTo(List.of(ids.get(2).toString(), ids.get(3).toString()));
		await().until(() -> tasks.status(ids.get(2)).state() == TaskState.SUCCEEDED
				&& tasks.status(ids.get(3)).state() == TaskState.SUCCEEDED);

		Map<String, Object> purged = body(
				endpoint.operate(SecurityContext.NONE, "tasks", "purge-dead-letters", "console-dead", null, null, null));
		assertThat(purged).containsEntry("purged", 2).containsEntry("more", false);
		assertThat(tasks.deadLetters("console-dead", 100)).isEmpty();
		assertThat(endpoint.operate(SecurityContext.NONE, "tasks", "purge-dead-letters", "bad name!", null, null, null)
			.getStatus()).isEqualTo(400);
	}

	@Test
	void theFleetsLocksShowHolderTokenAndWaiters() throws Exception {
		ConfigurableApplicationContext holder = this.instances.start(Infrastructure.class);
		ConfigurableApplicationContext waiter = this.instances.start(Infrastructure.class);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try (LockHandle held = holder.getBean(DistributedLockTemplate.class)
			.acquire(LockRequest.exclusive("console-lock").withKey("k"))) {
			Future<?> waiting = executor.submit(() -> {
				try (LockHandle late = waiter.getBean(DistributedLockTemplate.class)
					.acquire(LockRequest.exclusive("console-lock").withKey("k").withWaitTime(Duration.ofSeconds(20)))) {
					return late.fencingToken();
				}
			});
			await().untilAsserted(() -> {
				Map<String, Object> fleet = body(endpoint(waiter).view(SecurityContext.NONE, "locks", "fleet", null));
				assertThat((List<?>) fleet.get("locks")).singleElement().satisfies((lock) -> {
					Map<?, ?> entry = (Map<?, ?>) lock;
					assertThat(entry.get("name")).isEqualTo("console-lock");
					assertThat(entry.get("mode")).isEqualTo("EXCLUSIVE");
					assertThat((List<?>) entry.get("holders")).singleElement()
						.satisfies((h) -> assertThat(((Map<?, ?>) h).get("token")).isEqualTo(held.fencingToken()));
					assertThat((List<?>) entry.get("waiters")).hasSize(1);
				});
			});
			held.close();
			assertThat((Long) waiting.get(20, TimeUnit.SECONDS)).isGreaterThan(held.fencingToken());
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void aWorkflowShowsItsStepsAndIsCancelled() {
		Handlers.release = new CountDownLatch(1);
		this.instances.start(new Class<?>[] { Handlers.class, Flow.class });
		ConfigurableApplicationContext console = this.instances.start(new Class<?>[] { Infrastructure.class, Flow.class },
				"zk-workflow.workflows.validate-handlers=false");
		WorkflowClient workflows = console.getBean(WorkflowClient.class);
		WorkflowId id = workflows.start("console-flow", Map.of("order", "o-2"));
		await().untilAsserted(() -> assertThat(
				body(endpoint(console).view(SecurityContext.NONE, "workflows", "workflow", id.value())).get("steps"))
			.asString().contains("console-wait={state=RUNNING"));
		Map<String, Object> detail = body(endpoint(console).view(SecurityContext.NONE, "workflows", "workflow", id.value()));
		assertThat(detail).containsEntry("name", "console-flow").containsEntry("input", "******");
		assertThat(detail.get("edges")).asString().contains("console-wait").contains("console-after");
		assertThat(body(endpoint(console).operate(SecurityContext.NONE, "workflows", "cancel", id.value(), null, null,
				null))).containsEntry("cancelled", true);
		Handlers.release.countDown();
		await().until(() -> workflows.status(id).state() == WorkflowState.CANCELLED);
		assertThat(endpoint(console).view(SecurityContext.NONE, "workflows", "workflow", "w-none").getStatus())
			.isEqualTo(404);
	}

	private static String lines(String... ids) {
		return String.join("\n", ids);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> body(WebEndpointResponse<Object> response) {
		assertThat(response.getStatus()).as(String.valueOf(response.getBody())).isEqualTo(200);
		return (Map<String, Object>) response.getBody();
	}

	private static ZkWorkflowEndpoint endpoint(ConfigurableApplicationContext context) {
		return context.getBean(ZkWorkflowEndpoint.class);
	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class,
			LockAutoConfiguration.class, ZkWorkflowEndpointAutoConfiguration.class })
	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

		/** As Boot's observation auto-configuration does: every handler bean joins the registry. */
		@Bean
		ObservationRegistry observationRegistry(ObjectProvider<ObservationHandler<?>> handlers) {
			ObservationRegistry registry = ObservationRegistry.create();
			handlers.orderedStream().forEach(registry.observationConfig()::observationHandler);
			return registry;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Flow {

		@Bean
		WorkflowDefinition consoleFlow() {
			return WorkflowDefinition.named("console-flow").step("console-wait").step("console-after", "console-wait")
				.build();
		}

	}

	static class Handlers {

		static volatile boolean failing = true;

		static volatile CountDownLatch release = new CountDownLatch(1);

		@WorkflowTask(name = "console-flaky", maxAttempts = 3, backoff = "10ms")
		public void flaky(Map<String, String> payload, io.zkworkflow.task.TaskContext context) throws Exception {
			if (context.attempt() == 1) {
				throw new IllegalStateException("first attempt fails");
			}
			release.await(30, TimeUnit.SECONDS);
		}

		@WorkflowTask(name = "console-dead", maxAttempts = 1)
		public void dead(String payload) {
			if (failing) {
				throw new IllegalStateException("failing on purpose: " + payload);
			}
		}

		@WorkflowTask(name = "console-wait")
		public String waitStep(Object input) throws Exception {
			release.await(30, TimeUnit.SECONDS);
			return "waited";
		}

		@WorkflowTask(name = "console-after")
		public String after(Object input) {
			return "after";
		}

	}

}
