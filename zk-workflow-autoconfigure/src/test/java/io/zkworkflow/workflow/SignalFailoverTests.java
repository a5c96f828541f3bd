package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.task.internal.TaskEngine;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signals and wait timeouts live in ZooKeeper, not in an instance: on three instances, a kept
 * signal is consumed after the instances that started the workflow and sent the signal
 * stopped, and a wait's timeout fires once although the coordinator stops and another
 * instance loses its session; a kept signal of a workflow that ended without reaching its
 * wait is removed with the workflow after the retention.
 */
class SignalFailoverTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private ZkInstances instances;

	@BeforeEach
	void startInstances() {
		this.instances = WorkflowInstances.on(zookeeper);
		for (int i = 0; i < 3; i++) {
			this.instances.start(ApprovalWorkflows.class, "zk-workflow.workflows.retention=3s");
		}
		await().until(() -> leader() != null);
	}

	@AfterEach
	void stopInstances() {
		this.instances.close();
	}

	@Test
	void keptSignalOutlivesTheInstancesThatStartedTheWorkflowAndSentIt() {
		WorkflowClient starter = this.instances.get(0).getBean(WorkflowClient.class);
		WorkflowId id = starter.start("approval", "invoice-7");
		await().until(() -> starter.status(id).step("sleep").state() == StepState.RUNNING);
		assertThat(this.instances.get(1).getBean(WorkflowClient.class).signal(id, "approved", "by alice"))
			.isEqualTo(SignalDelivery.BUFFERED);
		this.instances.stop(0);
		this.instances.stop(1);
		WorkflowClient survivor = this.instances.get(2).getBean(WorkflowClient.class);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(40))
			.until(() -> survivor.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("approved").output().asString()).isEqualTo("by alice");
		assertThat(status.step("pay").output().asString()).isEqualTo("paid, approved by alice");
		assertThat(ApprovalWorkflows.runs(id, "pay")).isEqualTo(1);
		assertThat(ApprovalWorkflows.runs(id, "escalate")).isZero();
	}

	@Test
	void waitTimeoutFiresOnceThroughFailoverAndSessionLoss() {
		int leaderIndex = this.instances.all().indexOf(leader());
		WorkflowClient starter = this.instances.get((leaderIndex + 1) % 3).getBean(WorkflowClient.class);
		WorkflowId id = starter.start("quick-approval", "invoice-8");
		await().until(() -> starter.status(id).step("approved").state() == StepState.RUNNING);
		this.instances.stop(leaderIndex);
		this.instances.expireSession((leaderIndex + 2) % 3);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(40))
			.until(() -> starter.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.step("approved").error()).contains("No signal 'approved' arrived within PT3S");
		assertThat(status.step("escalate").output().asString()).isEqualTo("escalated invoice-8");
		assertThat(status.step("pay").state()).isEqualTo(StepState.SKIPPED);
		assertThat(ApprovalWorkflows.runs(id, "escalate")).isEqualTo(1);
		assertThat(ApprovalWorkflows.runs(id, "pay")).isZero();
	}

	@Test
	void keptSignalOfAWorkflowThatEndedIsRemovedWithIt() throws Exception {
		WorkflowClient client = this.instances.get(0).getBean(WorkflowClient.class);
		WorkflowId id = client.start("approval", "invoice-9");
		await().until(() -> client.status(id).step("sleep").state() == StepState.RUNNING);
		assertThat(this.instances.get(1).getBean(WorkflowClient.class).signal(id, "approved", "by bob"))
			.isEqualTo(SignalDelivery.BUFFERED);
		assertThat(this.instances.get(2).getBean(WorkflowClient.class).cancel(id)).isTrue();
		await().until(() -> client.status(id).state() == WorkflowState.CANCELLED);
		CuratorFramework curator = this.instances.get(1).getBean(CuratorFramework.class);
		assertThat(curator.checkExists().forPath("/zk-workflow/workflows/" + id.value() + "/signals/approved"))
			.isNotNull();
		await().atMost(Duration.ofSeconds(30)).until(() -> client.status(id).state() == WorkflowState.UNKNOWN);
		assertThat(curator.checkExists().forPath("/zk-workflow/workflows/" + id.value())).isNull();
		assertThat(ApprovalWorkflows.runs(id, "pay")).isZero();
	}

	private ConfigurableApplicationContext leader() {
		return this.instances.running()
			.stream()
			.filter((context) -> context.getBean(TaskEngine.class).isCoordinator())
			.findFirst()
			.orElse(null);
	}

	@Configuration(proxyBeanMethods = false)
	static class ApprovalWorkflows {

		static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		static int runs(WorkflowId id, String step) {
			AtomicInteger count = runs.get(id.value() + " " + step);
			return (count != null) ? count.get() : 0;
		}

		@Bean
		WorkflowDefinition approval() {
			return WorkflowDefinition.named("approval")
				.step("submit")
				.sleep(Duration.ofSeconds(3))
				.waitFor("approved", Duration.ofHours(1))
				.onTimeout("escalate")
				.then("pay")
				.build();
		}

		@Bean
		WorkflowDefinition quickApproval() {
			return WorkflowDefinition.named("quick-approval")
				.step("submit")
				.waitFor("approved", Duration.ofSeconds(3))
				.onTimeout("escalate")
				.then("pay")
				.build();
		}

		@Bean
		Handlers approvalHandlers() {
			return new Handlers();
		}

		static class Handlers {

			@WorkflowTask(name = "submit")
			String submit(String invoice) {
				return invoice;
			}

			@WorkflowTask(name = "pay")
			String pay(String approval, TaskContext context) {
				count(context);
				return "paid, approved " + approval;
			}

			@WorkflowTask(name = "escalate")
			String escalate(String invoice, TaskContext context) {
				count(context);
				return "escalated " + invoice;
			}

			private static void count(TaskContext context) {
				runs.computeIfAbsent(context.attributes().get("zk-workflow.workflow") + " "
						+ context.attributes().get("zk-workflow.step"), (key) -> new AtomicInteger()).incrementAndGet();
			}

		}

	}

}
