package io.zkworkflow.catalogue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.ZkWorkflowClientAutoConfiguration;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.autoconfigure.config.ConfigAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.config.ZkValue;
import io.zkworkflow.lock.DistributedLocked;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskStatus;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The small application every catalogue class runs: one task, one workflow, one locked
 * method and a few live config values, with every zk-workflow capability switched on. A bad
 * input is tried against it, then {@link #assertWorking} proves it still does its job.
 */
@Configuration(proxyBeanMethods = false)
class CatalogueApp {

	static final List<String> COMMON_PROPERTIES = List.of("spring.cloud.zookeeper.session-timeout=4s",
			"spring.cloud.zookeeper.connection-timeout=2s", "spring.cloud.zookeeper.discovery.enabled=false",
			"spring.main.banner-mode=off", "spring.application.name=catalogue",
			"zk-workflow.tasks.coordinator-interval=100ms", "zk-workflow.tasks.member-refresh=200ms",
			"zk-workflow.workflows.sweep-interval=500ms", "logging.level.org.apache.zookeeper=ERROR",
			"logging.level.org.apache.curator=ERROR");

	enum Mode {

		STANDARD, SALE

	}

	record Rules(@Min(0) int minimum, @NotEmpty List<String> regions) {
	}

	/** Live values with a constraint, an enum and a JSON document. */
	static class Settings {

		@ZkConfigValue(key = "shop.limit", defaultValue = "10")
		@Min(1)
		@Max(1000)
		volatile int limit;

		@ZkConfigValue(key = "shop.mode", defaultValue = "STANDARD")
		volatile Mode mode;

		@ZkConfigValue(key = "shop.rules")
		ZkValue<Rules> rules;

		@ZkConfigValue(key = "shop.note", defaultValue = "none")
		volatile String note;

	}

	/** One handler that echoes its payload, one that always fails. */
	static class Handlers {

		@WorkflowTask(name = "echo", concurrency = 2, backoff = "50ms")
		public String echo(String payload) {
			return payload;
		}

		@WorkflowTask(name = "fails", maxAttempts = 1)
		public String fails(String payload) {
			throw new IllegalStateException("always fails: " + payload);
		}

	}

	/** A method guarded by a keyed lock. */
	static class Guarded {

		@DistributedLocked(name = "guarded", key = "#key")
		public String work(String key) {
			return "done " + key;
		}

	}

	@Bean
	Settings settings() {
		return new Settings();
	}

	@Bean
	Handlers handlers() {
		return new Handlers();
	}

	@Bean
	Guarded guarded() {
		return new Guarded();
	}

	@Bean
	WorkflowDefinition pipeline() {
		return WorkflowDefinition.named("pipeline").step("echo").build();
	}

	/** Every auto-configuration the catalogue exercises. */
	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ValidationAutoConfiguration.class, ZkWorkflowClientAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
			LockAutoConfiguration.class, ConfigAutoConfiguration.class, TaskAutoConfiguration.class,
			WorkflowAutoConfiguration.class, ZkWorkflowEndpointAutoConfiguration.class })
	static class Infrastructure {

	}

	static ConfigurableApplicationContext start(ZooKeeperServerExtension zookeeper, Class<?> configuration,
			String... properties) {
		List<String> all = new ArrayList<>(COMMON_PROPERTIES);
		all.add("spring.cloud.zookeeper.connect-string=" + zookeeper.connectString());
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(configuration, Infrastructure.class).web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
	}

	/**
	 * Record every change of the instance's connection state from now on: a bad request must
	 * leave the session alone, so the list stays empty.
	 * @param context the running instance
	 * @return the states seen, in order
	 */
	static List<ConnectionState> recordConnectionStates(ConfigurableApplicationContext context) {
		List<ConnectionState> states = new CopyOnWriteArrayList<>();
		context.getBean(CuratorFramework.class).getConnectionStateListenable()
			.addListener((client, state) -> states.add(state));
		return states;
	}

	/** A runner with the same auto-configurations, for startup failures. */
	static ApplicationContextRunner runner(ZooKeeperServerExtension zookeeper) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
					ValidationAutoConfiguration.class, ZkWorkflowClientAutoConfiguration.class,
					ZkWorkflowAutoConfiguration.class, LockAutoConfiguration.class, ConfigAutoConfiguration.class,
					TaskAutoConfiguration.class, WorkflowAutoConfiguration.class,
					ZkWorkflowEndpointAutoConfiguration.class))
			.withPropertyValues(COMMON_PROPERTIES.toArray(String[]::new))
			.withPropertyValues(zookeeper.connectStringProperty());
	}

	/** Every message of a failure and its causes, in one string. */
	static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			all.append(current.getClass().getSimpleName()).append(": ").append(current.getMessage()).append('\n');
		}
		return all.toString();
	}

	/** The running application still runs tasks and takes locks. */
	static void assertWorking(ConfigurableApplicationContext context) {
		TaskClient tasks = context.getBean(TaskClient.class);
		TaskId id = tasks.submit("echo", "still-working");
		assertThat(awaitState(tasks, id, TaskState.SUCCEEDED).output().asString()).isEqualTo("still-working");
		assertThat(context.getBean(Guarded.class).work("probe")).isEqualTo("done probe");
	}

	static TaskStatus awaitState(TaskClient tasks, TaskId id, TaskState state) {
		await().atMost(Duration.ofSeconds(30)).until(() -> tasks.status(id).state() == state);
		return tasks.status(id);
	}

}
