package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * A rolling deploy on three instances: two declare version 1 of a workflow, the third a
 * changed shape. Every workflow records the version it started with and advances only on
 * instances that declare it, so no instance runs a step of another version's workflow; a
 * workflow whose version no live instance declares any more fails naming the missing version,
 * and its compensation runs.
 */
class WorkflowVersionTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private ZkInstances instances;

	private ConfigurableApplicationContext first;

	private ConfigurableApplicationContext second;

	@BeforeEach
	void startOldInstances() {
		Shipping.ranOn.clear();
		this.instances = WorkflowInstances.on(zookeeper);
		this.first = this.instances.start(ShippingV1.class, "test.instance=a");
		this.second = this.instances.start(ShippingV1.class, "test.instance=b");
	}

	@AfterEach
	void stopInstances() {
		this.instances.close();
	}

	@Test
	void runningWorkflowsKeepTheirShapeWhileTheNewVersionRollsOut() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		List<WorkflowId> old = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			old.add(oldClient.start("shipping", "old-" + i));
		}
		old.forEach((id) -> await().until(() -> oldClient.status(id).step("go").state() == StepState.RUNNING));
		ConfigurableApplicationContext third = this.instances.start(ShippingV2.class, "test.instance=c");
		String v1 = this.first.getBean("shipping", WorkflowDefinition.class).version();
		String v2 = third.getBean("shipping", WorkflowDefinition.class).version();
		assertThat(v2).isNotEqualTo(v1);
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		List<WorkflowId> fresh = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			fresh.add(newClient.start("shipping", "new-" + i));
		}
		fresh.forEach((id) -> await().until(() -> newClient.status(id).step("go").state() == StepState.RUNNING));
		// signals from the new instance to old workflows are handed on to an instance of their version
		old.forEach((id) -> assertThat(newClient.signal(id, "go", "now")).isEqualTo(SignalDelivery.BUFFERED));
		fresh.forEach((id) -> assertThat(oldClient.signal(id, "go", "now")).isEqualTo(SignalDelivery.BUFFERED));
		for (WorkflowId id : old) {
			WorkflowStatus status = await().atMost(Duration.ofSeconds(30))
				.until(() -> oldClient.status(id), (candidate) -> candidate.state().isFinished());
			assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
			assertThat(status.version()).isEqualTo(v1);
			assertThat(status.steps()).containsOnlyKeys("reserve", "go", "ship", "refund");
			assertThat(status.step("ship").output().asString()).isEqualTo("shipped now");
			assertThat(Shipping.instancesThatRan(id)).isNotEmpty().isSubsetOf("a", "b");
			assertThat(oldClient.result(id, String.class, Duration.ofSeconds(10))).isEqualTo("shipped now");
			// the new instance cannot tell which steps end the old shape: it says so, never a wrong result
			assertThatIllegalStateException().isThrownBy(() -> newClient.result(id, String.class, Duration.ofSeconds(10)))
				.withMessageContaining("completed on version " + v1)
				.withMessageContaining("declares version " + v2);
		}
		for (WorkflowId id : fresh) {
			WorkflowStatus status = await().atMost(Duration.ofSeconds(30))
				.until(() -> newClient.status(id), (candidate) -> candidate.state().isFinished());
			assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
			assertThat(status.version()).isEqualTo(v2);
			assertThat(status.steps()).containsOnlyKeys("reserve", "go", "inspect", "ship", "refund");
			assertThat(Shipping.instancesThatRan(id)).containsOnly("c");
		}
		// any instance may stop a workflow of another version: it is cancelled, and compensated on its version
		WorkflowId cancelled = oldClient.start("shipping", "cancelled");
		await().until(() -> oldClient.status(cancelled).step("go").state() == StepState.RUNNING);
		assertThat(newClient.cancel(cancelled)).isTrue();
		WorkflowStatus status = await().atMost(Duration.ofSeconds(30))
			.until(() -> oldClient.status(cancelled), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(status.step("refund").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(Shipping.instancesThatRan(cancelled)).isNotEmpty().isSubsetOf("a", "b");
		// an instance shows the edges of the version a workflow runs, or none when it lacks it
		assertThat(oldClient.status(old.get(0)).edges()).hasSize(2);
		assertThat(newClient.status(old.get(0)).edges()).isEmpty();
		assertThat(oldClient.list(WorkflowQuery.of("shipping")).items())
			.extracting(WorkflowSummary::version)
			.containsOnly(v1, v2);
	}

	@Test
	void workflowWhoseVersionNoLiveInstanceDeclaresFailsNamingItAndCompensates() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId id = oldClient.start("parcel", "orphan");
		await().until(() -> oldClient.status(id).step("sleep").state() == StepState.RUNNING);
		ConfigurableApplicationContext third = this.instances.start(ShippingV2.class, "test.instance=c");
		String v1 = this.first.getBean("parcel", WorkflowDefinition.class).version();
		String v2 = third.getBean("parcel", WorkflowDefinition.class).version();
		this.instances.stop(0);
		this.instances.stop(1);
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		// the next transition (the timer, or the step after it) is left to the new version alone
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.version()).isEqualTo(v1);
		assertThat(status.error()).contains("Workflow 'parcel' " + id.value() + " needs definition version " + v1
				+ " but the instances serving it have " + v2, "Keep instances that declare the old definition running");
		assertThat(status.step("ship").state()).isIn(StepState.FAILED, StepState.CANCELLED);
		assertThat(status.step("refund").state()).isEqualTo(StepState.SUCCEEDED);
		assertThat(status.steps()).doesNotContainKey("inspect");
		assertThat(Shipping.ranOn.get(id.value() + " refund")).isEqualTo("c");
		assertThat(Shipping.ranOn).doesNotContainKey(id.value() + " ship");
		assertThat(Shipping.instancesThatRan(id)).doesNotContain("a+c", "b+c");
	}

	@Test
	void sameShapeHasTheSameVersionOnEveryInstanceAndEachInstanceAdvertisesIt() throws Exception {
		ConfigurableApplicationContext third = this.instances.start(ShippingV2.class, "test.instance=c");
		WorkflowDefinition onFirst = this.first.getBean("shipping", WorkflowDefinition.class);
		WorkflowDefinition onSecond = this.second.getBean("shipping", WorkflowDefinition.class);
		WorkflowDefinition onThird = third.getBean("shipping", WorkflowDefinition.class);
		assertThat(onFirst).isNotSameAs(onSecond);
		assertThat(onFirst.version()).isEqualTo(onSecond.version()).matches("[0-9a-f]{12}");
		assertThat(onThird.version()).isNotEqualTo(onFirst.version());
		assertThat(this.first.getBean("explicit", WorkflowDefinition.class).version()).isEqualTo("7");
		CuratorFramework curator = third.getBean(CuratorFramework.class);
		String versions = "/zk-workflow/workflow-definitions/shipping/versions/";
		await().until(() -> children(curator, versions + onFirst.version()).size() == 2
				&& children(curator, versions + onThird.version()).size() == 1);
		this.instances.stop(1);
		await().until(() -> children(curator, versions + onFirst.version()).size() == 1);
	}

	private static List<String> children(CuratorFramework curator, String path) throws Exception {
		return (curator.checkExists().forPath(path) != null) ? curator.getChildren().forPath(path) : List.of();
	}

	@Configuration(proxyBeanMethods = false)
	static class ShippingV1 {

		@Bean
		WorkflowDefinition shipping() {
			return WorkflowDefinition.named("shipping")
				.step("reserve")
				.waitFor("go", Duration.ofHours(1))
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition parcel() {
			return WorkflowDefinition.named("parcel")
				.step("reserve")
				.sleep(Duration.ofSeconds(5))
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition explicit() {
			return WorkflowDefinition.named("explicit").version(7).step("reserve").build();
		}

		@Bean
		Shipping shippingHandlers(@Value("${test.instance}") String instance) {
			return new Shipping(instance);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ShippingV2 {

		@Bean
		WorkflowDefinition shipping() {
			return WorkflowDefinition.named("shipping")
				.step("reserve")
				.waitFor("go", Duration.ofHours(1))
				.then("inspect")
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition parcel() {
			return WorkflowDefinition.named("parcel")
				.step("reserve")
				.sleep(Duration.ofSeconds(5))
				.then("inspect")
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition explicit() {
			return WorkflowDefinition.named("explicit").version(7).step("reserve").build();
		}

		@Bean
		Shipping shippingHandlers(@Value("${test.instance}") String instance) {
			return new Shipping(instance);
		}

	}

	/** The handlers of both versions; each records which instance ran which step. */
	static class Shipping {

		static final Map<String, String> ranOn = new ConcurrentHashMap<>();

		private final String instance;

		Shipping(String instance) {
			this.instance = instance;
		}

		static Set<String> instancesThatRan(WorkflowId id) {
			Set<String> result = ConcurrentHashMap.newKeySet();
			ranOn.forEach((key, instance) -> {
				if (key.startsWith(id.value() + " ")) {
					result.add(instance);
				}
			});
			return result;
		}

		@WorkflowTask(name = "reserve")
		String reserve(String order, TaskContext context) {
			ran(context);
			return order;
		}

		@WorkflowTask(name = "inspect")
		String inspect(String order, TaskContext context) {
			ran(context);
			return order;
		}

		@WorkflowTask(name = "ship")
		String ship(String signal, TaskContext context) {
			ran(context);
			return "shipped " + signal;
		}

		@WorkflowTask(name = "refund")
		String refund(CompensationInput input, TaskContext context) {
			ran(context);
			return "refunded";
		}

		private void ran(TaskContext context) {
			String key = context.attributes().get("zk-workflow.workflow") + " " + context.attributes().get("zk-workflow.step");
			String other = ranOn.putIfAbsent(key, this.instance);
			if (other != null && !other.equals(this.instance)) {
				ranOn.put(key, other + "+" + this.instance);
			}
		}

	}

}
