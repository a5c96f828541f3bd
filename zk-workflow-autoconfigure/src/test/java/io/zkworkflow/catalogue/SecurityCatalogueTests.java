package io.zkworkflow.catalogue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.validation.constraints.Size;

import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.config.ZkConfigChangeEvent;
import io.zkworkflow.config.ZkConfigListener;
import io.zkworkflow.config.ZkConfigRejectedEvent;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockHandle;
import io.zkworkflow.lock.LockRequest;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

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
import static org.awaitility.Awaitility.await;

/**
 * Security checks: with digest security on, a client without credentials can neither read,
 * write nor delete any znode zk-workflow created (locks, tasks, workflows, and the config
 * tree outside the root); payloads, config values and lock keys are data, never SpEL or class
 * names; secrets are masked in logs, events and the actuator data the dashboard shows; the
 * config snapshot file is owner-only.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityCatalogueTests {

	private static final String SPEL = "#{T(java.lang.Runtime).getRuntime().exec('touch /tmp/zkw-pwned')}";

	private static final String PLACEHOLDER = "${user.home}";

	private static final String CLASS_NAME = "java.lang.ProcessBuilder";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	@Test
	void strangerCanNeitherReadWriteNorDeleteAnyZnodeZkWorkflowCreated() throws Exception {
		try (ConfigurableApplicationContext app = CatalogueApp.start(zookeeper, CatalogueApp.class,
				"zk-workflow.security.digest=app:s3cret", "zk-workflow.security.root-readers=",
				"zk-workflow.root-path=/secured", "zk-workflow.config.root=/secured-config")) {
			TaskClient tasks = app.getBean(TaskClient.class);
			TaskId done = tasks.submit("echo", "done");
			TaskId dead = tasks.submit("fails", "dead");
			tasks.submit("parked", "pending");
			CatalogueApp.awaitState(tasks, done, TaskState.SUCCEEDED);
			CatalogueApp.awaitState(tasks, dead, TaskState.DEAD);
			WorkflowClient workflows = app.getBean(WorkflowClient.class);
			WorkflowId flow = workflows.start("pipeline", "wf");
			await().until(() -> workflows.status(flow).state() == WorkflowState.COMPLETED);
			app.getBean(ZkConfigTemplate.class).publish("shop.limit", 7);
			DistributedLockTemplate locks = app.getBean(DistributedLockTemplate.class);
			try (LockHandle held = locks.acquire(LockRequest.exclusive("walk").withKey("order-1"))) {
				CuratorFramework owner = app.getBean(CuratorFramework.class);
				List<String> nodes = new ArrayList<>();
				walk(owner, "/secured", nodes);
				walk(owner, "/secured-config", nodes);
				assertThat(nodes).anyMatch((path) -> path.startsWith("/secured/locks/walk/"))
					.anyMatch((path) -> path.startsWith("/secured/tasks/echo/"))
					.anyMatch((path) -> path.startsWith("/secured/tasks/fails/"))
					.anyMatch((path) -> path.startsWith("/secured/workflows"))
					.anyMatch((path) -> path.equals("/secured-config/catalogue/shop.limit"));
				CuratorFramework stranger = zookeeper.newClient();
				for (String path : nodes) {
					assertNoAuth(() -> stranger.getData().forPath(path), path);
					assertNoAuth(() -> stranger.getChildren().forPath(path), path);
					assertNoAuth(() -> stranger.setData().forPath(path, "x".getBytes(StandardCharsets.UTF_8)), path);
					assertNoAuth(() -> stranger.create().forPath(ZKPaths.makePath(path, "intruder")), path);
					if (!path.equals("/secured") && !path.equals("/secured-config")) {
						assertNoAuth(() -> stranger.delete().forPath(path), path);
					}
				}
			}
			CatalogueApp.assertWorking(app);
		}
	}

	private static void walk(CuratorFramework client, String path, List<String> into) throws Exception {
		into.add(path);
		for (String child : client.getChildren().forPath(path)) {
			walk(client, ZKPaths.makePath(path, child), into);
		}
	}

	private static void assertNoAuth(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String path) {
		assertThatExceptionOfType(KeeperException.NoAuthException.class).as(path).isThrownBy(call);
	}

	@Test
	void payloadsConfigValuesAndLockKeysAreDataNeverExpressionsOrClassNames() throws Exception {
		try (ConfigurableApplicationContext app = CatalogueApp.start(zookeeper, CatalogueApp.class)) {
			TaskClient tasks = app.getBean(TaskClient.class);
			for (String hostile : List.of(SPEL, PLACEHOLDER, CLASS_NAME)) {
				TaskId id = tasks.submit("echo", hostile);
				assertThat(CatalogueApp.awaitState(tasks, id, TaskState.SUCCEEDED).output().asString()).isEqualTo(hostile);

				app.getBean(ZkConfigTemplate.class).publish("shop.note", hostile);
				await().until(() -> hostile.equals(app.getBean(CatalogueApp.Settings.class).note));

				String lockName = ZnodeNames.encodeKey(hostile);
				CuratorFramework curator = app.getBean(CuratorFramework.class);
				assertThat(app.getBean(CatalogueApp.Guarded.class).work(hostile)).isEqualTo("done " + hostile);
				try (LockHandle held = app.getBean(DistributedLockTemplate.class)
					.acquire(LockRequest.exclusive("data").withKey(hostile))) {
					assertThat(curator.getChildren().forPath("/zk-workflow/locks/data")).contains(lockName);
				}
			}
			assertThat(Path.of("/tmp/zkw-pwned")).doesNotExist();
		}
	}

	@Test
	void secretsAreMaskedInLogsEventsAndTheActuatorData(CapturedOutput output) throws Exception {
		List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
		try (ConfigurableApplicationContext app = CatalogueApp.start(zookeeper, SecretApp.class,
				"zk-workflow.security.digest=app:digest-pass-77", "zk-workflow.root-path=/secret-root",
				"zk-workflow.config.root=/secret-config", "management.endpoints.web.exposure.include=zkworkflow",
				"logging.level.io.zkworkflow=DEBUG")) {
			app.addApplicationListener(events::add);
			ZkConfigTemplate config = app.getBean(ZkConfigTemplate.class);
			config.publish("shop.api-token", "tok-accepted-4711");
			await().until(() -> "tok-accepted-4711".equals(app.getBean(SecretHolder.class).apiToken));
			CuratorFramework owner = app.getBean(CuratorFramework.class);
			owner.setData()
				.forPath(config.contextPath() + "/shop.api-token",
						"tok-rejected-far-too-long-0815".getBytes(StandardCharsets.UTF_8));
			await().until(() -> events.stream().anyMatch(ZkConfigRejectedEvent.class::isInstance));

			String actuator = String.valueOf(app.getBean(ZkWorkflowEndpoint.class).all(SecurityContext.NONE));
			assertThat(actuator).contains("shop.api-token").doesNotContain("tok-accepted-4711")
				.doesNotContain("tok-rejected-far-too-long-0815")
				.doesNotContain("digest-pass-77");
			List<ZkConfigChangeEvent> changes = app.getBean(SecretHolder.class).changes;
			assertThat(changes).anySatisfy((change) -> assertThat(change.newValue()).isEqualTo("tok-accepted-4711"));
			assertThat(changes).allSatisfy((change) -> assertThat(change.toString()).doesNotContain("tok-accepted-4711"));
			assertThat(events).filteredOn(ZkConfigRejectedEvent.class::isInstance)
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.toString()).doesNotContain("tok-rejected-far-too-long-0815");
					assertThat(((ZkConfigRejectedEvent) event).getMaskedValue()).doesNotContain("tok-rejected");
				});
		}
		assertThat(output).contains("Refused configuration value for 'shop.api-token'")
			.doesNotContain("tok-accepted-4711")
			.doesNotContain("tok-rejected-far-too-long-0815")
			.doesNotContain("digest-pass-77");
	}

	@Test
	void configSnapshotFileIsOwnerOnly(@TempDir Path directory) throws Exception {
		Path snapshot = directory.resolve("config-snapshot.json");
		try (ConfigurableApplicationContext app = CatalogueApp.start(zookeeper, CatalogueApp.class,
				"zk-workflow.config.snapshot-file=" + snapshot, "zk-workflow.root-path=/snapshot-root",
				"zk-workflow.config.root=/snapshot-config")) {
			app.getBean(ZkConfigTemplate.class).publish("shop.limit", 9);
			await().until(() -> Files.exists(snapshot) && Files.readString(snapshot).contains("shop.limit"));
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot))).isEqualTo("rw-------");
		}
	}

	/** Holds a secret whose refused value must never be shown. */
	static class SecretHolder {

		@ZkConfigValue(key = "shop.api-token", defaultValue = "none")
		@Size(max = 20)
		volatile String apiToken;

		final List<ZkConfigChangeEvent> changes = new CopyOnWriteArrayList<>();

		@ZkConfigListener(prefixes = "shop.")
		void onChange(ZkConfigChangeEvent event) {
			this.changes.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(CatalogueApp.class)
	static class SecretApp {

		@Bean
		SecretHolder secretHolder() {
			return new SecretHolder();
		}

	}

}
