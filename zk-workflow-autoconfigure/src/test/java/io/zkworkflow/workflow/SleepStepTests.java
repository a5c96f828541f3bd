package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
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
 * A {@code sleep(Duration)} step is a durable timer: the instance that started the workflow
 * is closed while it sleeps, and the other instance wakes it and finishes the workflow once;
 * cancelling a sleeping workflow withdraws its timer.
 */
class SleepStepTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ZkInstances instances;

	@BeforeAll
	static void startInstances() {
		instances = WorkflowInstances.on(zookeeper);
		instances.start(NapWorkflow.class);
		instances.start(NapWorkflow.class);
	}

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void survivesTheRestartOfTheInstanceThatStartedIt() {
		WorkflowClient starter = instances.get(0).getBean(WorkflowClient.class);
		WorkflowId id = starter.start("nap", 7);
		await().until(() -> starter.status(id).step("sleep").state() == StepState.RUNNING);
		WorkflowStatus sleeping = starter.status(id);
		assertThat(sleeping.step("before").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(sleeping.step("after").state()).isEqualTo(StepState.WAITING);
		instances.stop(0);
		WorkflowClient survivor = instances.get(1).getBean(WorkflowClient.class);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(30))
			.until(() -> survivor.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("sleep").output().asInt()).isEqualTo(8);
		assertThat(status.step("after").output().asInt()).isEqualTo(16);
		assertThat(NapWorkflow.after.get(id.value()).get()).isEqualTo(1);
		assertThat(status.step("sleep").taskId()).startsWith(WorkflowDefinition.SLEEP_TASK + "/");
		assertThat(Duration.between(status.step("sleep").startedAt(), status.step("sleep").finishedAt()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void cancellingWithdrawsTheTimer() {
		WorkflowClient client = instances.get(1).getBean(WorkflowClient.class);
		WorkflowId id = client.start("long-nap", 1);
		await().until(() -> client.status(id).step("sleep").state() == StepState.RUNNING);
		assertThat(client.cancel(id)).isTrue();
		WorkflowStatus status = await().until(() -> client.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(status.step("sleep").state()).isEqualTo(StepState.CANCELLED);
		assertThat(status.step("after").state()).isNotEqualTo(StepState.SUCCEEDED);
		assertThat(NapWorkflow.after).doesNotContainKey(id.value());
	}

	@Configuration(proxyBeanMethods = false)
	static class NapWorkflow {

		static final Map<String, AtomicInteger> after = new ConcurrentHashMap<>();

		@Bean
		WorkflowDefinition nap() {
			return WorkflowDefinition.named("nap").step("before").sleep(Duration.ofSeconds(3)).then("after").build();
		}

		@Bean
		WorkflowDefinition longNap() {
			return WorkflowDefinition.named("long-nap").step("before").sleep(Duration.ofHours(1)).then("after").build();
		}

		@Bean
		Handlers napHandlers() {
			return new Handlers();
		}

		static class Handlers {

			@WorkflowTask(name = "before")
			int before(int value) {
				return value + 1;
			}

			@WorkflowTask(name = "after")
			int after(int value, TaskContext context) {
				after.computeIfAbsent(context.attributes().get("zk-workflow.workflow"), (k) -> new AtomicInteger())
					.incrementAndGet();
				return value * 2;
			}

		}

	}

}
