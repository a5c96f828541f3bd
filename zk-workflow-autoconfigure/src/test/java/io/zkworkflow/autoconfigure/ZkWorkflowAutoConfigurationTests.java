package io.zkworkflow.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zkworkflow.actuate.internal.ZkWorkflowHealthIndicator;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowHealthContributorAutoConfiguration;
import io.zkworkflow.internal.RootInitializer;
import io.zkworkflow.internal.ServerCompatibilityCheck;
import io.zkworkflow.internal.StartupConnectionCheck;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.security.internal.DigestSecurityCustomizer;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.ensemble.EnsembleProvider;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
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
 * Conditions of the foundation auto-configurations, each against a real ZooKeeper.
 */
class ZkWorkflowAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ZookeeperAutoConfiguration.class,
				ZkWorkflowClientAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
				ZkWorkflowHealthContributorAutoConfiguration.class))
		.withPropertyValues(zookeeper.connectStringProperty(), "spring.cloud.zookeeper.session-timeout=10s");

	@Test
	void defaultsUseSpringCloudZookeepersOneClientAndCreateTheRoot() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CuratorFramework.class)
				.hasSingleBean(ZkRoot.class)
				.hasSingleBean(RootInitializer.class)
				.hasSingleBean(ServerCompatibilityCheck.class)
				.hasSingleBean(ZkWorkflowHealthIndicator.class)
				.doesNotHaveBean(StartupConnectionCheck.class)
				.doesNotHaveBean(DigestSecurityCustomizer.class)
				.doesNotHaveBean(EnsembleProvider.class);
			assertThat(context.getBean(ZkRoot.class).path()).isEqualTo("/zk-workflow");
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			await().until(() -> curator.checkExists().forPath("/zk-workflow") != null);
		});
	}

	@Test
	void rootRemovedWhileConnectedIsCreatedAgainAfterANewSessionAndOtherListenersHearOfIt() {
		this.runner.withPropertyValues("zk-workflow.root-path=/again/zkw").run((context) -> {
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			await().until(() -> curator.checkExists().forPath("/again/zkw") != null);
			List<ConnectionState> heard = new CopyOnWriteArrayList<>();
			curator.getConnectionStateListenable().addListener((client, state) -> heard.add(state));
			curator.delete().deletingChildrenIfNeeded().forPath("/again");
			KillSession.kill(curator.getZookeeperClient().getZooKeeper());
			await().until(() -> heard.contains(ConnectionState.RECONNECTED));
			await().until(() -> curator.checkExists().forPath("/again/zkw") != null);
		});
	}

	@Test
	void rootPathIsConfigurable() {
		this.runner.withPropertyValues("zk-workflow.root-path=/apps/orders/zkw").run((context) -> {
			assertThat(context.getBean(ZkRoot.class).path()).isEqualTo("/apps/orders/zkw");
			CuratorFramework curator = context.getBean(CuratorFramework.class);
			await().until(() -> curator.checkExists().forPath("/apps/orders/zkw") != null);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "relative/path", "/", "/trailing/", "/a//b", "/a/./b", "/a/../b" })
	void invalidRootPathFailsStartupNamingTheProperty(String rootPath) {
		this.runner.withPropertyValues("zk-workflow.root-path=" + rootPath).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("zk-workflow.root-path")
				.hasMessageContaining(rootPath);
		});
	}

	@Test
	void backsOffWhenUserDefinesTheRoot() {
		this.runner.withUserConfiguration(UserRootConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(ZkRoot.class);
			assertThat(context.getBean(ZkRoot.class).path()).isEqualTo("/custom");
		});
	}

	@Test
	void backsOffWhenUserDefinesTheHealthIndicator() {
		this.runner.withUserConfiguration(UserHealthConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(ZkWorkflowHealthIndicator.class);
			assertThat(context.getBean("zkworkflowHealthIndicator")).isSameAs(UserHealthConfiguration.INDICATOR);
		});
	}

	@Test
	void backsOffWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(CuratorFramework.class)
				.doesNotHaveBean(ZkRoot.class)
				.doesNotHaveBean(RootInitializer.class)
				.doesNotHaveBean(ZkWorkflowHealthIndicator.class);
		});
	}

	@Test
	void backsOffWhenSpringCloudZookeeperIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.zookeeper.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(CuratorFramework.class)
				.doesNotHaveBean(ZkRoot.class)
				.doesNotHaveBean(ZkWorkflowHealthIndicator.class);
		});
	}

	@Test
	void backsOffWhenThereIsNoCuratorFramework() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZkWorkflowClientAutoConfiguration.class,
					ZkWorkflowAutoConfiguration.class, ZkWorkflowHealthContributorAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ZkRoot.class)
				.doesNotHaveBean(ZkWorkflowHealthIndicator.class));
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
	void failFastAddsTheStartupCheck() {
		this.runner.withPropertyValues("zk-workflow.fail-fast=true")
			.run((context) -> assertThat(context).hasSingleBean(StartupConnectionCheck.class));
	}

	@Test
	void digestSettingAddsTheSecurityCustomizer() {
		this.runner.withPropertyValues("zk-workflow.security.digest=app:secret")
			.run((context) -> assertThat(context).hasSingleBean(DigestSecurityCustomizer.class));
	}

	@Test
	void malformedDigestFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("zk-workflow.security.digest=no-colon-here").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("zk-workflow.security.digest")
				.hasMessageContaining("user:password")
				.hasMessageNotContaining("no-colon-here");
		});
	}

	@Test
	void connectionDetailsBeanRedirectsTheClient() {
		this.runner.withPropertyValues("spring.cloud.zookeeper.connect-string=127.0.0.1:1")
			.withBean(ZooKeeperConnectionDetails.class, () -> zookeeper::connectString)
			.run((context) -> {
				assertThat(context).hasSingleBean(EnsembleProvider.class);
				CuratorFramework curator = context.getBean(CuratorFramework.class);
				assertThat(curator.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
				assertThat(curator.getZookeeperClient().getCurrentConnectionString())
					.isEqualTo(zookeeper.connectString());
			});
	}

	@Test
	void healthGoesDownWhenZooKeeperStops() throws Exception {
		try (var server = new org.apache.curator.test.TestingServer(true)) {
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
	static class UserRootConfiguration {

		@Bean
		ZkRoot customRoot() {
			return new ZkRoot("/custom");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHealthConfiguration {

		static final HealthIndicator INDICATOR = () -> org.springframework.boot.health.contributor.Health.up().build();

		@Bean
		HealthIndicator zkworkflowHealthIndicator() {
			return INDICATOR;
		}

	}

}
