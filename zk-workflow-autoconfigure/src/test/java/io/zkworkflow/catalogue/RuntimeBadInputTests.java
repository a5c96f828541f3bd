package io.zkworkflow.catalogue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.config.ZkConfigRejectedEvent;
import io.zkworkflow.config.ZkConfigRejectedException;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.config.ZkConfigVersionConflictException;
import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.task.PayloadTooLargeException;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.task.internal.TaskPaths;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowStartException;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Catalogue, run time: bad calls against one running instance (task and workflow API, SpEL
 * lock keys, payloads, config values, actuator write operations). Each test asserts the
 * error names the problem, then {@link #nothingLost} proves a task submitted before the bad
 * call completes, the last good config value stays and new work still succeeds.
 */
@ExtendWith(OutputCaptureExtension.class)
class RuntimeBadInputTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static ConfigurableApplicationContext running;

	private static TaskClient tasks;

	private static ZkConfigTemplate config;

	private static final List<ZkConfigRejectedEvent> rejections = new CopyOnWriteArrayList<>();

	private static List<ConnectionState> connectionStates = List.of();

	private TaskId before;

	@BeforeAll
	static void start() {
		running = CatalogueApp.start(zookeeper, App.class, "management.endpoints.web.exposure.include=zkworkflow",
				"management.endpoint.zkworkflow.access=unrestricted");
		running.addApplicationListener((ApplicationEvent event) -> {
			if (event instanceof ZkConfigRejectedEvent rejected) {
				rejections.add(rejected);
			}
		});
		connectionStates = CatalogueApp.recordConnectionStates(running);
		tasks = running.getBean(TaskClient.class);
		config = running.getBean(ZkConfigTemplate.class);
		config.publish("shop.limit", 42);
		await().until(() -> settings().limit == 42);
	}

	@AfterAll
	static void stop() {
		running.close();
	}

	@BeforeEach
	void submitWorkBeforeTheBadCall() {
		this.before = tasks.submit("echo", "submitted before");
	}

	@AfterEach
	void nothingLost() {
		assertThat(CatalogueApp.awaitState(tasks, this.before, TaskState.SUCCEEDED).output().asString())
			.isEqualTo("submitted before");
		assertThat(settings().limit).isEqualTo(42);
		CatalogueApp.assertWorking(running);
		assertThat(connectionStates).as("connection state changes of the instance's session").isEmpty();
	}

	private static CatalogueApp.Settings settings() {
		return running.getBean(CatalogueApp.Settings.class);
	}

	// ---- task API and payloads

	@Test
	void payloadOfTwoMegabytesIsRefusedNamingTaskAndProperty() {
		assertThatExceptionOfType(PayloadTooLargeException.class)
			.isThrownBy(() -> tasks.submit("echo", "x".repeat(2 * 1024 * 1024)))
			.withMessageContaining("'echo'")
			.withMessageContaining("zk-workflow.tasks.max-payload")
			.withMessageContaining("submit a reference");
	}

	@Test
	void unserializablePayloadIsRefusedNamingTaskAndType() {
		assertThatExceptionOfType(TaskSubmitException.class).isThrownBy(() -> tasks.submit("echo", new Unwritable()))
			.withMessageContaining("The payload of task 'echo'")
			.withMessageContaining(Unwritable.class.getName());
	}

	@Test
	void malformedJsonInAReadyZnodeIsReportedOnceAndSkipped(CapturedOutput output) throws Exception {
		CuratorFramework curator = zookeeper.newClient();
		String shard = running.getBean(TaskPaths.class).readyShard("echo", 0);
		String garbage = curator.create()
			.creatingParentsIfNeeded()
			.withMode(CreateMode.PERSISTENT_SEQUENTIAL)
			.forPath(shard + "/garbage-", "{not json".getBytes(StandardCharsets.UTF_8));
		TaskId after = tasks.submit("echo", "submitted after");
		await().untilAsserted(() -> assertThat(output).contains("Task 'echo': ready znode " + garbage
				+ " does not hold a task record").contains("delete it"));
		assertThat(CatalogueApp.awaitState(tasks, after, TaskState.SUCCEEDED).output().asString())
			.isEqualTo("submitted after");
		curator.delete().forPath(garbage);
	}

	@Test
	void readyMarkerWithoutATaskIsReportedOnceAndLeftInPlaceNamingTheMissingDataNode(CapturedOutput output)
			throws Exception {
		CuratorFramework curator = zookeeper.newClient();
		TaskPaths paths = running.getBean(TaskPaths.class);
		String uid = "0".repeat(19) + "_0";
		String stray = curator.create()
			.creatingParentsIfNeeded()
			.withMode(CreateMode.PERSISTENT_SEQUENTIAL)
			.forPath(paths.readyShard("echo", 0) + "/" + uid + "-", "an old task".getBytes(StandardCharsets.UTF_8));
		TaskId after = tasks.submit("echo", "submitted after the stray marker");
		await().untilAsserted(() -> assertThat(output).contains("Task 'echo': ready znode " + stray + " has no task")
			.contains("/tasks/echo/data/0/" + uid + " does not exist; it is skipped and left in place"));
		assertThat(CatalogueApp.awaitState(tasks, after, TaskState.SUCCEEDED).output().asString())
			.isEqualTo("submitted after the stray marker");
		assertThat(curator.getData().forPath(stray)).asString().isEqualTo("an old task");
		assertThat(curator.getChildren().forPath(paths.runRoot("echo") + "/0")).noneMatch((n) -> n.startsWith(uid));
		curator.delete().forPath(stray);
	}

	@ParameterizedTest(name = "submit to \"{0}\"")
	@ValueSource(strings = { "", "no/such name", "a\u0007b", "..", "../../etc" })
	void submitToABadTaskNameIsRefusedNamingIt(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> tasks.submit(name, "x"))
			.withMessageContaining("Task name '" + name + "'")
			.withMessageContaining("use the name of a @WorkflowTask");
	}

	@ParameterizedTest(name = "TaskId.parse(\"{0}\")")
	@ValueSource(strings = { "", "garbage", "/uid", "echo/", "echo/a/b", "../../etc", "echo/\u0000" })
	void garbageTaskIdIsRefusedNamingTheId(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskId.parse(value))
			.withMessageMatching("(?s).*('" + java.util.regex.Pattern.quote(value) + "' is not a task id|Task name '|"
					+ "Task id ').*");
	}

	@Test
	void nullTaskIdIsRefusedSayingWhatAnIdLooksLike() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskId.parse(null))
			.withMessageContaining("A task id must not be null; expected 'name/uid'");
	}

	@Test
	void cancelOfAnUnknownIdAnswersFalseAndChangesNothing() {
		assertThat(tasks.cancel(new TaskId("echo", "no-such-uid"))).isFalse();
		assertThat(tasks.status(new TaskId("echo", "no-such-uid")).state()).isEqualTo(TaskState.UNKNOWN);
	}

	@Test
	void retryOfATaskThatIsNotDeadAnswersFalseAndLeavesItDone() {
		TaskId done = tasks.submit("echo", "done once");
		CatalogueApp.awaitState(tasks, done, TaskState.SUCCEEDED);
		assertThat(tasks.retryDeadLetter(done)).isFalse();
		assertThat(tasks.status(done).state()).isEqualTo(TaskState.SUCCEEDED);
	}

	@ParameterizedTest(name = "idempotency key \"{0}\"")
	@ValueSource(strings = { "", "   " })
	void blankIdempotencyKeyIsRefused(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> SubmitOptions.idempotencyKey(key))
			.withMessageContaining("An idempotency key must not be null or blank");
	}

	@Test
	void nullIdempotencyKeyIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubmitOptions.idempotencyKey(null))
			.withMessageContaining("An idempotency key must not be null or blank")
			.withMessageContaining("SubmitOptions.none()");
	}

	@ParameterizedTest(name = "priority {0}")
	@ValueSource(ints = { -1, 10 })
	void priorityOutOfRangeIsRefusedNamingTheRange(int priority) {
		assertThatIllegalArgumentException().isThrownBy(() -> SubmitOptions.prioritized(priority))
			.withMessage("A task priority must be between 0 (lowest) and 9 (highest), got " + priority
					+ "; without one a task has priority 5");
	}

	// ---- workflows

	@Test
	void startOfAnUnknownWorkflowNamesItAndListsTheKnownOnes() {
		assertThatExceptionOfType(WorkflowStartException.class)
			.isThrownBy(() -> running.getBean(WorkflowClient.class).start("no-such-flow", "x"))
			.withMessageContaining("No workflow named 'no-such-flow'")
			.withMessageContaining("known workflows are [pipeline]");
	}

	@Test
	void statusOfAnUnknownWorkflowIsUnknown() {
		WorkflowClient workflows = running.getBean(WorkflowClient.class);
		assertThat(workflows.status(new WorkflowId("w-unknown")).state()).isEqualTo(WorkflowState.UNKNOWN);
		assertThat(workflows.cancel(new WorkflowId("w-unknown"))).isFalse();
	}

	@ParameterizedTest(name = "WorkflowId(\"{0}\")")
	@ValueSource(strings = { "", "..", "a/b", "nul\u0000" })
	void badWorkflowIdIsRefusedNamingIt(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkflowId(value))
			.withMessageContaining("Workflow id '" + value + "' is not valid");
	}

	// ---- lock keys computed by SpEL at run time

	@Test
	void nullLockKeyIsRefusedNamingExpressionAndMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> running.getBean(KeyProbe.class).nodesWhileLocked(null))
			.withMessageContaining("key '#key'")
			.withMessageContaining("KeyProbe#nodesWhileLocked(String)")
			.withMessageContaining("evaluated to null");
	}

	@Test
	void blankLockKeyIsRefusedNamingExpressionAndMethod() {
		assertThatIllegalArgumentException().isThrownBy(() -> running.getBean(KeyProbe.class).nodesWhileLocked("  "))
			.withMessageContaining("key '#key'")
			.withMessageContaining("a blank string");
	}

	@ParameterizedTest(name = "lock key of {0} characters")
	@ValueSource(strings = { "../../x", "/", "..", "nul\u0000key", "new\nline" })
	void hostileLockKeysAreConfinedToOneZnode(String key) throws Exception {
		assertConfined(key);
	}

	@Test
	void tenKilobyteLockKeyIsHashedIntoOneShortZnode() throws Exception {
		assertConfined("k".repeat(10 * 1024));
	}

	private static void assertConfined(String key) throws Exception {
		KeyProbe probe = running.getBean(KeyProbe.class);
		Set<String> idle = new HashSet<>(probe.nodesOutsideTheLock());
		List<String> held = probe.nodesWhileLocked(key);
		Set<String> added = new HashSet<>(held);
		added.removeAll(idle);
		assertThat(added).singleElement().satisfies((name) -> {
			assertThat(name).doesNotContain("/").isNotIn(".", "..").doesNotContain("\0").doesNotContain("\n");
			assertThat(name.length()).isLessThanOrEqualTo(300);
		});
	}

	// ---- config values

	@Test
	void textForAnIntIsRefusedNamingFieldAndValue() {
		assertRefused("shop.limit", "abc", "Settings.limit cannot convert 'abc'");
	}

	@Test
	void valueBelowMinIsRefusedNamingTheConstraint() {
		assertRefused("shop.limit", 0, "Settings.limit fails validation: limit must be greater than or equal to 1");
	}

	@Test
	void hugeNumberForAnIntIsRefused() {
		assertRefused("shop.limit", "99999999999999999999", "Settings.limit cannot convert '99999999999999999999'");
	}

	@Test
	void unknownEnumConstantIsRefused() {
		assertRefused("shop.mode", "WHOLESALE", "Settings.mode cannot convert 'WHOLESALE'");
	}

	@Test
	void malformedJsonDocumentIsRefused() {
		assertRefused("shop.rules", "{not json", "Settings.rules cannot convert '{not json'");
	}

	@Test
	void jsonViolatingTheRecordsConstraintsIsRefused() {
		assertRefused("shop.rules", "{\"minimum\": -1, \"regions\": []}", "Settings.rules");
	}

	@Test
	void valueOfTwoMegabytesIsRefusedBeforeReachingZooKeeper() {
		assertRefused("shop.note", "x".repeat(2 * 1024 * 1024), "above the 1000000 bytes ZooKeeper accepts");
		assertThat(settings().note).isEqualTo("none");
	}

	@Test
	void badValueWrittenStraightToTheZnodeIsRejectedAndTheLastGoodStays() throws Exception {
		zookeeper.newClient()
			.setData()
			.forPath(config.contextPath() + "/shop.limit", "abc".getBytes(StandardCharsets.UTF_8));
		await().until(() -> rejections.stream().anyMatch((event) -> event.getKey().equals("shop.limit")));
		assertThat(rejections).anySatisfy((event) -> assertThat(event.getReason()).contains("cannot convert 'abc'"));
		assertThat(settings().limit).isEqualTo(42);
		config.publish("shop.limit", 42);
	}

	@Test
	void publishWithAStaleVersionWritesNothingAndSaysWhatToDo() {
		int stale = config.version() - 1;
		assertThatExceptionOfType(ZkConfigVersionConflictException.class)
			.isThrownBy(() -> config.publish(Map.of("shop.note", "lost update"), stale))
			.withMessageContaining("not the expected " + stale)
			.withMessageContaining("nothing was written")
			.withMessageContaining("ZkConfigTemplate#version()");
		assertThat(settings().note).isEqualTo("none");
	}

	@ParameterizedTest(name = "config key \"{0}\"")
	@ValueSource(strings = { "", "   ", "a/../b", "ctl\u0001key" })
	void badConfigKeyIsRefusedNamingIt(String key) {
		assertThatIllegalArgumentException().isThrownBy(() -> config.publish(Map.of(key, "v"), -1))
			.withMessageContaining("Configuration key '" + key + "' cannot be written as one znode name");
	}

	private static void assertRefused(String key, Object value, String reason) {
		assertThatExceptionOfType(ZkConfigRejectedException.class).isThrownBy(() -> config.publish(key, value))
			.withMessageContaining("Refused to publish [" + key + "]")
			.withMessageContaining(reason)
			.withMessageContaining("Nothing was written");
	}

	// ---- actuator write operations

	@Test
	void unknownActuatorSectionReadsAsNotFound() {
		assertThat(running.getBean(ZkWorkflowEndpoint.class).section(SecurityContext.NONE, "no-such-section")).isNull();
	}

	@Test
	void unknownActuatorOperationIs404ListingTheAvailableOnes() {
		var response = running.getBean(ZkWorkflowEndpoint.class)
			.operate(SecurityContext.NONE, "tasks", "explode", "echo/x", null, null);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getBody()).asString()
			.contains("No operation 'explode' in section 'tasks'")
			.contains("tasks/retry");
	}

	@Test
	void actuatorOperationWithoutIdIs400SayingWhatToSend() {
		var response = running.getBean(ZkWorkflowEndpoint.class)
			.operate(SecurityContext.NONE, "tasks", "retry", null, null, null);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).asString().contains("tasks/retry needs the task id, as {\"id\": \"name/uid\"}");
	}

	@Test
	void actuatorOperationWithAGarbageIdIs400NamingIt() {
		var response = running.getBean(ZkWorkflowEndpoint.class)
			.operate(SecurityContext.NONE, "tasks", "cancel", "../../etc", null, null);
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).asString().contains("Task name '..'");
	}

	/** A payload Jackson cannot write: its accessor throws. */
	public static class Unwritable {

		public String getValue() {
			throw new IllegalStateException("cannot be read");
		}

	}

	/** Lists the lock znodes while a keyed lock is held. */
	static class KeyProbe {

		private final CuratorFramework curator;

		KeyProbe(CuratorFramework curator) {
			this.curator = curator;
		}

		@DistributedLocked(name = "probe", key = "#key")
		public List<String> nodesWhileLocked(String key) throws Exception {
			return nodesOutsideTheLock();
		}

		public List<String> nodesOutsideTheLock() throws Exception {
			if (this.curator.checkExists().forPath("/zk-workflow/locks/probe") == null) {
				return List.of();
			}
			return this.curator.getChildren().forPath("/zk-workflow/locks/probe");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(CatalogueApp.class)
	static class App {

		@Bean
		KeyProbe keyProbe(CuratorFramework curator) {
			return new KeyProbe(curator);
		}

	}

}
