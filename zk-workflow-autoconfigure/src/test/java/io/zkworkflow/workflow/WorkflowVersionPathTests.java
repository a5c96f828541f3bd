package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The version paths of fan-out, child workflows and signals, in the rolling deploy of
 * {@link WorkflowVersionTests}: instances a and b declare version 1, c a changed shape. Fan-out
 * elements, the task that ends a {@code thenWorkflow} step and a relayed signal of a version 1
 * workflow run only on a or b; once both are gone, the workflow fails naming the missing
 * version, and nothing of it runs on c but its compensation.
 */
class WorkflowVersionPathTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private ZkInstances instances;

	private ConfigurableApplicationContext first;

	@BeforeEach
	void startOldInstances() {
		Handlers.runs.clear();
		Handlers.gate = new CountDownLatch(1);
		Handlers.held.set(0);
		// a stopping instance hands its running tasks back at once instead of waiting for them
		this.instances = WorkflowInstances.on(zookeeper).properties("zk-workflow.tasks.shutdown-timeout=200ms");
		this.first = this.instances.start(Version1.class, "test.instance=a");
		this.instances.start(Version1.class, "test.instance=b");
	}

	@AfterEach
	void stopInstances() {
		Handlers.gate.countDown();
		this.instances.close();
	}

	@Test
	void fanOutElementsOfTheOldVersionRunOnlyOnItsInstancesAndJoinWithItsShape() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId id = oldClient.start("lines", 20);
		await().until(() -> Handlers.held.get() >= 2);
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		String v1 = version(this.first, "lines");
		assertThat(version(third, "lines")).isNotEqualTo(v1);
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		// a new workflow shows that c takes fan-out elements of its own version
		WorkflowId fresh = newClient.start("lines", 5);
		Handlers.gate.countDown();
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.version()).isEqualTo(v1);
		assertThat(status.steps()).containsOnlyKeys("list-lines", "pack-line", "join-lines", "undo-lines");
		assertThat(status.step("join-lines").output().asInt()).isEqualTo(20);
		assertThat(Handlers.joined(id))
			.containsExactlyElementsOf(IntStream.range(0, 20).mapToObj((i) -> "packed-" + i).toList());
		for (int line = 0; line < 20; line++) {
			assertThat(Handlers.ranOn(id, "pack-line/" + line)).as("element " + line).hasSize(1).isSubsetOf("a", "b");
		}
		WorkflowStatus freshStatus = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(fresh), (candidate) -> candidate.state().isFinished());
		assertThat(freshStatus.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(freshStatus.steps()).containsKey("check-lines");
		assertThat(Handlers.ranOn(fresh, "pack-line/0")).containsExactly("c");
	}

	@Test
	void fanOutWhoseVersionIsGoneFailsOnceNamingItWithNoElementRunOnTheNewVersion() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId id = oldClient.start("lines", 20);
		await().until(() -> Handlers.held.get() >= 2);
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		String v1 = version(this.first, "lines");
		String v2 = version(third, "lines");
		this.instances.stop(0);
		this.instances.stop(1);
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.error()).contains("Workflow 'lines' " + id.value() + " needs definition version " + v1
				+ " but the instances serving it have " + v2);
		assertThat(status.step("pack-line").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("join-lines").state()).isEqualTo(StepState.CANCELLED);
		await().until(() -> Handlers.ranOn(id, "undo-lines").size() == 1);
		assertThat(Handlers.ranOn(id, "undo-lines")).containsExactly("c");
		assertThat(Handlers.ranOn(id, "join-lines")).isEmpty();
		Handlers.runs.forEach((key, ranOn) -> {
			if (key.startsWith(id.value() + " pack-line/")) {
				assertThat(ranOn).as(key).isSubsetOf("a", "b");
			}
		});
	}

	@Test
	void theChildEndOfAnOldParentIsDecidedOnlyWithTheParentsShape() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId parent = oldClient.start("delivery", "parcel");
		WorkflowId child = childOf(oldClient, parent);
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		assertThat(version(third, "delivery")).isNotEqualTo(version(this.first, "delivery"));
		assertThat(version(third, "approval")).isEqualTo(version(this.first, "approval"));
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		// c declares the child's (unchanged) version, so it delivers the child's signal itself
		assertThat(newClient.signal(child, "approved", "yes")).isEqualTo(SignalDelivery.DELIVERED);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(parent), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.steps()).containsOnlyKeys("reserve", "approval", "ship", "refund");
		assertThat(Handlers.ranOn(parent, "ship")).hasSize(1).isSubsetOf("a", "b");
		assertThat(Handlers.ranOn(parent, "inspect")).isEmpty();
	}

	@Test
	void anOldParentWhoseVersionIsGoneFailsNamingItWhenItsChildEnds() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId parent = oldClient.start("delivery", "parcel");
		WorkflowId child = childOf(oldClient, parent);
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		String v1 = version(this.first, "delivery");
		String v2 = version(third, "delivery");
		this.instances.stop(0);
		this.instances.stop(1);
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		assertThat(newClient.signal(child, "approved", "yes")).isEqualTo(SignalDelivery.DELIVERED);
		assertThat(await().atMost(Duration.ofSeconds(30))
			.until(() -> newClient.status(child).state(), WorkflowState::isFinished)).isEqualTo(WorkflowState.COMPLETED);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(parent), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.error()).contains("Workflow 'delivery' " + parent.value() + " needs definition version " + v1
				+ " but the instances serving it have " + v2);
		assertThat(status.step("approval").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("ship").state()).isEqualTo(StepState.CANCELLED);
		await().until(() -> Handlers.ranOn(parent, "refund").size() == 1);
		assertThat(Handlers.ranOn(parent, "refund")).containsExactly("c");
		assertThat(Handlers.ranOn(parent, "ship")).isEmpty();
		assertThat(Handlers.ranOn(parent, "inspect")).isEmpty();
	}

	@Test
	void aSignalFromTheNewVersionIsDeliveredOnceByAnOldInstance() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId id = oldClient.start("pickup", "box");
		await().until(() -> oldClient.status(id).step("go").state() == StepState.RUNNING);
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		assertThat(newClient.signal(id, "go", "now")).isEqualTo(SignalDelivery.BUFFERED);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(30))
			.until(() -> newClient.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.steps()).containsOnlyKeys("reserve", "go", "ship", "refund");
		assertThat(status.step("ship").output().asString()).isEqualTo("shipped now");
		assertThat(Handlers.ranOn(id, "ship")).hasSize(1).isSubsetOf("a", "b");
		assertThat(Handlers.ranOn(id, "inspect")).isEmpty();
		// c does not know the shape of the ended workflow, yet says plainly that it takes no signal
		assertThatExceptionOfType(WorkflowSignalException.class).isThrownBy(() -> newClient.signal(id, "go", "later"))
			.withMessageContaining("has ended COMPLETED and accepts no signals");
	}

	@Test
	void aSignalForAWorkflowWhoseVersionIsGoneIsNotDeliveredAndTheWaitsTimerFailsIt() {
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId id = oldClient.start("pickup", "box");
		await().until(() -> oldClient.status(id).step("go").state() == StepState.RUNNING);
		String v1 = version(this.first, "pickup");
		String v2 = version(third, "pickup");
		this.instances.stop(0);
		this.instances.stop(1);
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		assertThat(newClient.signal(id, "go", "now")).isEqualTo(SignalDelivery.BUFFERED);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.error()).contains("Workflow 'pickup' " + id.value() + " needs definition version " + v1
				+ " but the instances serving it have " + v2);
		assertThat(status.step("go").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("ship").state()).isEqualTo(StepState.CANCELLED);
		await().until(() -> Handlers.ranOn(id, "refund").size() == 1);
		assertThat(Handlers.ranOn(id, "refund")).containsExactly("c");
		assertThat(Handlers.ranOn(id, "ship")).isEmpty();
	}

	@Test
	void aStepDeadLetteredByACoordinatorOfAnotherVersionTakesTheOrdinaryFailurePath() throws Exception {
		// c, of the new version, becomes the coordinator; d and e declare the old version
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		this.instances.stop(0);
		this.instances.stop(1);
		ConfigurableApplicationContext fourth = this.instances.start(Version1.class, "test.instance=d");
		this.instances.start(Version1.class, "test.instance=e");
		WorkflowClient oldClient = fourth.getBean(WorkflowClient.class);
		WorkflowId id = oldClient.start("hold", "box");
		await().until(() -> Handlers.ranOn(id, "hang").size() == 1);
		String worker = Handlers.ranOn(id, "hang").get(0);
		// the worker's lease is lost on the step's only attempt: the coordinator dead-letters it
		this.instances.expireSession(worker.equals("d") ? 3 : 4);
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(id), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(status.step("hang").state()).isEqualTo(StepState.FAILED);
		assertThat(status.step("hang").error()).contains("The lease of attempt 1 was lost")
			.doesNotContain("needs definition version");
		assertThat(status.step("ship").state()).isEqualTo(StepState.CANCELLED);
		await().until(() -> Handlers.ranOn(id, "refund").size() == 1);
		// the compensation is a task of the workflow's version, so it ran on d or e
		assertThat(Handlers.ranOn(id, "refund")).hasSize(1).isSubsetOf("d", "e");
		CuratorFramework curator = third.getBean(CuratorFramework.class);
		JsonNode record = JsonMapper.builder()
			.build()
			.readTree(curator.getData().forPath("/zk-workflow/workflows/" + id.value()));
		assertThat(record.path("versionLost").asBoolean()).isFalse();
	}

	@Test
	void aChangedChildDefinitionRunsTheOldChildAndParentOnTheOldVersion() {
		WorkflowClient oldClient = this.first.getBean(WorkflowClient.class);
		WorkflowId parent = oldClient.start("dispatch", "parcel");
		WorkflowId child = childOf(oldClient, parent, "check");
		ConfigurableApplicationContext third = this.instances.start(Version2.class, "test.instance=c");
		assertThat(version(third, "check")).isNotEqualTo(version(this.first, "check"));
		WorkflowClient newClient = third.getBean(WorkflowClient.class);
		// c lacks the child's version too: the signal is handed on to a or b
		assertThat(newClient.signal(child, "approved", "yes")).isEqualTo(SignalDelivery.BUFFERED);
		WorkflowStatus status = await().atMost(Duration.ofSeconds(60))
			.until(() -> newClient.status(parent), (candidate) -> candidate.state().isFinished());
		assertThat(status.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(status.steps()).containsOnlyKeys("reserve", "check", "ship", "refund");
		assertThat(newClient.status(child).steps()).containsOnlyKeys("reserve", "approved");
		// the parent's shape is the same in both: c declares its version and may run its next step
		assertThat(version(third, "dispatch")).isEqualTo(version(this.first, "dispatch"));
		assertThat(Handlers.ranOn(parent, "ship")).hasSize(1);
		assertThat(Handlers.ranOn(child, "reserve")).hasSize(1).isSubsetOf("a", "b");
		assertThat(Handlers.ranOn(child, "inspect")).isEmpty();
		assertThat(Handlers.ranOn(parent, "inspect")).isEmpty();
	}

	private WorkflowId childOf(WorkflowClient client, WorkflowId parent) {
		return childOf(client, parent, "approval");
	}

	private WorkflowId childOf(WorkflowClient client, WorkflowId parent, String step) {
		await().until(() -> client.status(parent).step(step).state() == StepState.RUNNING);
		CuratorFramework curator = this.first.getBean(CuratorFramework.class);
		JsonNode child = await().until(() -> JsonMapper.builder()
			.build()
			.readTree(curator.getData().forPath("/zk-workflow/workflows/" + parent.value()))
			.path("steps")
			.path(step)
			.path("child"), JsonNode::isString);
		WorkflowId id = new WorkflowId(child.asString());
		await().until(() -> client.status(id).step("approved").state() == StepState.RUNNING);
		return id;
	}

	private static String version(ConfigurableApplicationContext context, String name) {
		return context.getBean(name, WorkflowDefinition.class).version();
	}

	@Configuration(proxyBeanMethods = false)
	static class Version1 {

		@Bean
		WorkflowDefinition lines() {
			return WorkflowDefinition.named("lines")
				.step("list-lines")
				.forEach("pack-line", 4)
				.then("join-lines")
				.onFailure("undo-lines")
				.build();
		}

		@Bean
		WorkflowDefinition approval() {
			return WorkflowDefinition.named("approval").step("reserve").waitFor("approved", Duration.ofHours(1)).build();
		}

		@Bean
		WorkflowDefinition delivery() {
			return WorkflowDefinition.named("delivery")
				.step("reserve")
				.thenWorkflow("approval")
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition check() {
			return WorkflowDefinition.named("check").step("reserve").waitFor("approved", Duration.ofHours(1)).build();
		}

		@Bean
		WorkflowDefinition dispatch() {
			return WorkflowDefinition.named("dispatch").step("reserve").thenWorkflow("check").then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition pickup() {
			return WorkflowDefinition.named("pickup")
				.step("reserve")
				.waitFor("go", Duration.ofSeconds(8))
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition hold() {
			return WorkflowDefinition.named("hold")
				.step("reserve")
				.then("hang")
				.then("ship")
				.onFailure("refund")
				.options("hang", StepOptions.maxAttempts(1))
				.build();
		}

		@Bean
		Handlers handlers(@Value("${test.instance}") String instance) {
			return new Handlers(instance);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Version2 {

		@Bean
		WorkflowDefinition lines() {
			return WorkflowDefinition.named("lines")
				.step("list-lines")
				.forEach("pack-line", 4)
				.then("check-lines")
				.then("join-lines")
				.onFailure("undo-lines")
				.build();
		}

		@Bean
		WorkflowDefinition approval() {
			return WorkflowDefinition.named("approval").step("reserve").waitFor("approved", Duration.ofHours(1)).build();
		}

		@Bean
		WorkflowDefinition delivery() {
			return WorkflowDefinition.named("delivery")
				.step("reserve")
				.thenWorkflow("approval")
				.then("inspect")
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition check() {
			return WorkflowDefinition.named("check")
				.step("reserve")
				.waitFor("approved", Duration.ofHours(1))
				.then("inspect")
				.build();
		}

		@Bean
		WorkflowDefinition dispatch() {
			return WorkflowDefinition.named("dispatch").step("reserve").thenWorkflow("check").then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		WorkflowDefinition pickup() {
			return WorkflowDefinition.named("pickup")
				.step("reserve")
				.waitFor("go", Duration.ofSeconds(8))
				.then("inspect")
				.then("ship")
				.onFailure("refund")
				.build();
		}

		@Bean
		Handlers handlers(@Value("${test.instance}") String instance) {
			return new Handlers(instance);
		}

	}

	/** The handlers of both versions; each records on which instance it ran, per workflow and step. */
	static class Handlers {

		static final Map<String, Queue<String>> runs = new ConcurrentHashMap<>();

		static final AtomicInteger held = new AtomicInteger();

		static volatile CountDownLatch gate = new CountDownLatch(1);

		private static final Map<String, List<String>> joined = new ConcurrentHashMap<>();

		private final String instance;

		Handlers(String instance) {
			this.instance = instance;
		}

		static List<String> ranOn(WorkflowId id, String step) {
			Queue<String> ranOn = runs.get(id.value() + " " + step);
			return (ranOn != null) ? List.copyOf(ranOn) : List.of();
		}

		static List<String> joined(WorkflowId id) {
			return joined.getOrDefault(id.value(), List.of());
		}

		@WorkflowTask(name = "list-lines")
		List<Integer> listLines(int count, TaskContext context) {
			ran(context, "list-lines");
			return IntStream.range(0, count).boxed().toList();
		}

		@WorkflowTask(name = "pack-line")
		String packLine(int line, TaskContext context) throws InterruptedException {
			ran(context, "pack-line/" + line);
			held.incrementAndGet();
			try {
				// bounded, so that a handler left behind by a stopped instance ends with the test run
				gate.await(2, TimeUnit.MINUTES);
			}
			finally {
				held.decrementAndGet();
			}
			return "packed-" + line;
		}

		@WorkflowTask(name = "hang")
		String hang(String order, TaskContext context) throws InterruptedException {
			ran(context, "hang");
			gate.await(2, TimeUnit.MINUTES);
			return order;
		}

		@WorkflowTask(name = "check-lines")
		List<String> checkLines(List<String> packed, TaskContext context) {
			ran(context, "check-lines");
			return packed;
		}

		@WorkflowTask(name = "join-lines")
		int joinLines(List<String> packed, TaskContext context) {
			ran(context, "join-lines");
			joined.put(context.attributes().get("zk-workflow.workflow"), List.copyOf(packed));
			return packed.size();
		}

		@WorkflowTask(name = "undo-lines")
		void undoLines(CompensationInput input, TaskContext context) {
			ran(context, "undo-lines");
		}

		@WorkflowTask(name = "reserve")
		String reserve(String order, TaskContext context) {
			ran(context, "reserve");
			return order;
		}

		@WorkflowTask(name = "inspect")
		Object inspect(Object input, TaskContext context) {
			ran(context, "inspect");
			return input;
		}

		@WorkflowTask(name = "ship")
		String ship(Object input, TaskContext context) {
			ran(context, "ship");
			return "shipped " + ((input instanceof String text) ? text : "parcel");
		}

		@WorkflowTask(name = "refund")
		String refund(CompensationInput input, TaskContext context) {
			ran(context, "refund");
			return "refunded";
		}

		private void ran(TaskContext context, String what) {
			String workflow = context.attributes().get("zk-workflow.workflow");
			runs.computeIfAbsent(workflow + " " + what, (key) -> new ConcurrentLinkedQueue<>()).add(this.instance);
		}

	}

}
