package io.zkworkflow.task;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.task.internal.TaskHandlerRegistry;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalid {@code @WorkflowTask} declarations and settings fail startup with messages that
 * name the method and the fix.
 */
class WorkflowTaskDeclarationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
					ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class))
			.withPropertyValues(zookeeper.connectStringProperty(), "spring.cloud.zookeeper.discovery.enabled=false");
	}

	@Test
	void registersValidHandlers() {
		runner().withUserConfiguration(First.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TaskHandlerRegistry.class).get("shared-name")).isNotNull();
			assertThat(context).hasSingleBean(TaskClient.class);
		});
	}

	@Test
	void duplicateNamesFailStartupNamingBothMethods() {
		runner().withUserConfiguration(First.class, Second.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@WorkflowTask name 'shared-name' is declared twice")
				.hasMessageContaining("FirstHandler#handle(String)")
				.hasMessageContaining("SecondHandler#process(Integer)");
		});
	}

	@Test
	void invalidNameFailsStartup() {
		runner().withUserConfiguration(BadName.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@WorkflowTask name 'send invoice' on BadNameHandler#handle(String)")
				.hasMessageContaining("may only contain letters, digits");
		});
	}

	@Test
	void twoPayloadParametersFailStartup() {
		runner().withUserConfiguration(TwoPayloads.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("TwoPayloadsHandler#handle(String, String)")
				.hasMessageContaining("more than one payload parameter");
		});
	}

	@Test
	void badDurationFailsStartup() {
		runner().withUserConfiguration(BadDuration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@WorkflowTask timeout 'soon' on BadDurationHandler#handle(String)")
				.hasMessageContaining("'500ms', '2s' or 'PT1M'");
		});
	}

	@Test
	void negativeFleetConcurrencyFailsStartup() {
		runner().withUserConfiguration(BadFleetConcurrency.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("@WorkflowTask fleetConcurrency -1 on BadFleetConcurrencyHandler#handle(String)")
				.hasMessageContaining("or 0 for no fleet-wide limit");
		});
	}

	@Test
	void maxPayloadAboveOneMegabyteFailsStartup() {
		runner().withPropertyValues("zk-workflow.tasks.max-payload=2MB").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Must be between 1B and 1000KB");
		});
	}

	@Test
	void disabledEngineCreatesNoTaskBeans() {
		runner().withPropertyValues("zk-workflow.tasks.enabled=false").withUserConfiguration(First.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(TaskClient.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class First {

		@Bean
		FirstHandler firstHandler() {
			return new FirstHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Second {

		@Bean
		SecondHandler secondHandler() {
			return new SecondHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadName {

		@Bean
		BadNameHandler badNameHandler() {
			return new BadNameHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoPayloads {

		@Bean
		TwoPayloadsHandler twoPayloadsHandler() {
			return new TwoPayloadsHandler();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadDuration {

		@Bean
		BadDurationHandler badDurationHandler() {
			return new BadDurationHandler();
		}

	}

	static class FirstHandler {

		@WorkflowTask(name = "shared-name")
		public void handle(String payload) {
		}

	}

	static class SecondHandler {

		@WorkflowTask(name = "shared-name")
		public void process(Integer payload) {
		}

	}

	static class BadNameHandler {

		@WorkflowTask(name = "send invoice")
		public void handle(String payload) {
		}

	}

	static class TwoPayloadsHandler {

		@WorkflowTask(name = "two")
		public void handle(String one, String two) {
		}

	}

	static class BadDurationHandler {

		@WorkflowTask(name = "bad-duration", timeout = "soon")
		public void handle(String payload) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadFleetConcurrency {

		@Bean
		BadFleetConcurrencyHandler badFleetConcurrencyHandler() {
			return new BadFleetConcurrencyHandler();
		}

	}

	static class BadFleetConcurrencyHandler {

		@WorkflowTask(name = "bad-fleet", fleetConcurrency = -1)
		public void handle(String payload) {
		}

	}

}
