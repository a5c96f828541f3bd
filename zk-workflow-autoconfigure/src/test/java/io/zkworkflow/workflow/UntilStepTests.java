package io.zkworkflow.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.task.internal.TaskEngine;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An {@code until} step on three instances is a durable timer at an instant taken from the
 * payload: it fires once, not before that instant, although the coordinator stops and
 * another instance loses its session while it waits.
 */
class UntilStepTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private ZkInstances instances;

	@BeforeEach
	void startInstances() {
		this.instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			this.instances.start(ReminderWorkflow.class);
		}
		await().until(() -> leader() != null);
	}

	@AfterEach
	void stopInstances() {
		this.instances.close();
	}

	@Test
	void firesOnceAtThePayloadsInstantThroughFailoverAndSessionLoss() {
		ConfigurableApplicationContext leader = leader();
		int leaderIndex = this.instances.all().indexOf(leader);
		int starterIndex = (leaderIndex + 1) % 3;
		int expiredIndex = (leaderIndex + 2) % 3;
		WorkflowClient starter = this.instances.get(starterIndex).getBean(WorkflowClient.class);
		Instant at = Instant.now().plusSeconds(4);
		WorkflowId id = starter.start("reminder", Map.of("at", at.toEpochMilli(), "text", "call back"));
		await().until(() -> starter.status(id).step("until").state() == StepState.RUNNING);
		this.instances.stop(leaderIndex);
		this.instances.expireSession(expiredIndex);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(40))
			.until(() -> starter.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("until").taskId()).startsWith(WorkflowDefinition.SLEEP_TASK + "/");
		assertThat(status.step("until").finishedAt()).isAfterOrEqualTo(at);
		assertThat(status.step("remind").output().asString()).isEqualTo("reminded: call back");
		assertThat(ReminderWorkflow.reminders.get(id.value()).get()).isEqualTo(1);
	}

	@Test
	void anInstantInThePastFiresAtOnce() {
		WorkflowClient client = this.instances.get(1).getBean(WorkflowClient.class);
		WorkflowId id = client.start("reminder", Map.of("at", 0, "text", "overdue"));
		WorkflowStatus status = await().until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("remind").output().asString()).isEqualTo("reminded: overdue");
	}

	private ConfigurableApplicationContext leader() {
		return this.instances.running()
			.stream()
			.filter((context) -> context.getBean(TaskEngine.class).isCoordinator())
			.findFirst()
			.orElse(null);
	}

	@Configuration(proxyBeanMethods = false)
	static class ReminderWorkflow {

		static final Map<String, AtomicInteger> reminders = new ConcurrentHashMap<>();

		@Bean
		WorkflowDefinition reminder() {
			return WorkflowDefinition.named("reminder")
				.step("book")
				.until((payload) -> Instant.ofEpochMilli(payload.get("at").asLong()))
				.then("remind")
				.build();
		}

		@Bean
		Handlers reminderHandlers() {
			return new Handlers();
		}

		static class Handlers {

			@WorkflowTask(name = "book")
			JsonNode book(JsonNode request) {
				return request;
			}

			@WorkflowTask(name = "remind")
			String remind(JsonNode request, TaskContext context) {
				reminders.computeIfAbsent(context.attributes().get("zk-workflow.workflow"), (k) -> new AtomicInteger())
					.incrementAndGet();
				return "reminded: " + request.get("text").asString();
			}

		}

	}

}
