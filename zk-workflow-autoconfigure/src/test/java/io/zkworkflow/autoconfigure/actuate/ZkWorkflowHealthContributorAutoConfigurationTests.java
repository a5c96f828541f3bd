package io.zkworkflow.autoconfigure.actuate;

import java.time.Duration;

import io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.ZooKeeperContexts;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conditions of {@link ZkWorkflowHealthContributorAutoConfiguration} and what the indicator
 * reports.
 */
class ZkWorkflowHealthContributorAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper,
			ZkWorkflowHealthContributorAutoConfiguration.class);

	@Test
	void contributesTheIndicatorByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ZkWorkflowHealthIndicator.class)
			.hasBean("zkworkflowHealthIndicator"));
	}

	@Test
	void backsOffWhenUserDefinesTheHealthIndicator() {
		this.runner.withUserConfiguration(UserHealthConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(ZkWorkflowHealthIndicator.class);
			assertThat(context.getBean("zkworkflowHealthIndicator")).isSameAs(UserHealthConfiguration.INDICATOR);
		});
	}

	@Test
	void noHealthIndicatorWithoutActuatorHealthOnTheClasspath() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run((context) -> {
			assertThat(context).hasSingleBean(ZkRoot.class).doesNotHaveBean(ZkWorkflowHealthIndicator.class);
		});
	}

	@Test
	void healthIndicatorCanBeTurnedOff() {
		this.runner.withPropertyValues("management.health.zkworkflow.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(ZkWorkflowHealthIndicator.class));
	}

	@Test
	void healthIndicatorFollowsTheDefaultsOfHealthIndicators() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ZkRoot.class)
				.doesNotHaveBean(ZkWorkflowHealthIndicator.class));
	}

	@Test
	void noHealthIndicatorWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ZkRoot.class)
				.doesNotHaveBean(ZkWorkflowHealthIndicator.class));
	}

	@Test
	void healthIsUpWithSessionDetailsWhenConnected() {
		this.runner.run((context) -> {
			var health = context.getBean(ZkWorkflowHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("rootPath", "/zk-workflow")
				.containsEntry("connected", true)
				.containsKey("sessionId");
		});
	}

	@Test
	void healthGoesDownWhenZooKeeperStops() throws Exception {
		try (var server = new TestingServer(true)) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class,
						ZkWorkflowAutoConfiguration.class, ZkWorkflowHealthContributorAutoConfiguration.class))
				.withPropertyValues("spring.cloud.zookeeper.connect-string=" + server.getConnectString(),
						"spring.cloud.zookeeper.session-timeout=4s", "spring.cloud.zookeeper.connection-timeout=1s")
				.run((context) -> {
					HealthIndicator health = context.getBean(ZkWorkflowHealthIndicator.class);
					assertThat(health.health().getStatus()).isEqualTo(Status.UP);
					server.stop();
					await().atMost(Duration.ofSeconds(30))
						.until(() -> health.health().getStatus().equals(Status.DOWN));
					server.restart();
					await().atMost(Duration.ofSeconds(30))
						.until(() -> health.health().getStatus().equals(Status.UP));
				});
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		static final HealthIndicator INDICATOR = () -> Health.up().build();

		@Bean
		HealthIndicator zkworkflowHealthIndicator() {
			return INDICATOR;
		}

	}

}
