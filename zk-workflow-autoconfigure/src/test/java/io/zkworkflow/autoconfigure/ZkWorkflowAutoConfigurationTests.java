package io.zkworkflow.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.actuate.internal.ZkWorkflowEndpoint;
import io.zkworkflow.autoconfigure.ZooKeeperContexts.UserBean;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowEndpointAutoConfiguration;
import io.zkworkflow.autoconfigure.actuate.ZkWorkflowHealthContributorAutoConfiguration;
import io.zkworkflow.autoconfigure.config.ConfigAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.config.ZkConfigTemplate;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralBudgetMetrics;
import io.zkworkflow.internal.RootInitializer;
import io.zkworkflow.internal.ServerCompatibilityCheck;
import io.zkworkflow.internal.StandingEphemerals;
import io.zkworkflow.internal.StartupConnectionCheck;
import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.test.ZooKeeperServerExtension;
import io.zkworkflow.workflow.WorkflowClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.KillSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperRegistration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conditions of {@link ZkWorkflowAutoConfiguration}, each against a real ZooKeeper.
 */
class ZkWorkflowAutoConfigurationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	private static final String DISCOVERY_EPHEMERALS = "zkWorkflowDiscoveryEphemerals";

	private final ApplicationContextRunner runner = ZooKeeperContexts.runner(zookeeper);

	@Test
	void everyCapabilityBacksOffWithAnOwnRootAndNoClient() {
		ZooKeeperContexts.runner(zookeeper, ZkWorkflowHealthContributorAutoConfiguration.class,
				ZkWorkflowEndpointAutoConfiguration.class, TaskAutoConfiguration.class, ConfigAutoConfiguration.class,
				LockAutoConfiguration.class, WorkflowAutoConfiguration.class)
			.withPropertyValues("spring.cloud.zookeeper.enabled=false", "management.endpoints.access.default=read-only",
					"management.endpoints.jmx.exposure.include=*")
			.withBean(ZkRoot.class, "/own-root")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CuratorFramework.class)
				.doesNotHaveBean(TaskClient.class)
				.doesNotHaveBean(ZkConfigTemplate.class)
				.doesNotHaveBean(DistributedLockTemplate.class)
				.doesNotHaveBean(WorkflowClient.class)
				.doesNotHaveBean(ZkWorkflowEndpoint.class)
				.doesNotHaveBean("zkworkflowHealthIndicator"));
	}

	@Test
	void defaultsUseSpringCloudZookeepersOneClientAndCreateTheRoot() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(CuratorFramework.class)
				.hasSingleBean(ZkRoot.class)
				.hasSingleBean(RootInitializer.class)
				.hasSingleBean(EphemeralBudget.class)
				.hasSingleBean(EphemeralBudgetMetrics.class)
				.hasSingleBean(ServerCompatibilityCheck.class)
				.hasBean(DISCOVERY_EPHEMERALS)
				.doesNotHaveBean(StartupConnectionCheck.class);
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
	void backsOffWhenZkWorkflowIsDisabled() {
		this.runner.withPropertyValues("zk-workflow.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(CuratorFramework.class)
				.doesNotHaveBean(ZkRoot.class)
				.doesNotHaveBean(RootInitializer.class)
				.doesNotHaveBean(EphemeralBudget.class);
		});
	}

	@Test
	void backsOffWhenSpringCloudZookeeperIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.zookeeper.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(CuratorFramework.class)
				.doesNotHaveBean(ZkRoot.class);
		});
	}

	@Test
	void backsOffWhenThereIsNoCuratorFramework() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ZkWorkflowClientAutoConfiguration.class, ZkWorkflowAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZkRoot.class));
	}

	@Test
	void backsOffWhenTheCuratorFrameworkIsNotASingleCandidate() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ZkWorkflowAutoConfiguration.class))
			.withUserConfiguration(TwoClientsConfiguration.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ZkRoot.class));
	}

	@Test
	void noBudgetGaugesWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(EphemeralBudget.class)
				.doesNotHaveBean(EphemeralBudgetMetrics.class));
	}

	@Test
	void noDiscoveryRegistrationCountedWithoutSpringCloudZookeeperDiscovery() {
		this.runner.withClassLoader(new FilteredClassLoader(ZookeeperRegistration.class))
			.run((context) -> assertThat(context).hasSingleBean(EphemeralBudget.class)
				.doesNotHaveBean(DISCOVERY_EPHEMERALS));
	}

	@Test
	void failFastAddsTheStartupCheck() {
		this.runner.withPropertyValues("zk-workflow.fail-fast=true")
			.run((context) -> assertThat(context).hasSingleBean(StartupConnectionCheck.class));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("usersOwnBeans")
	void backsOffToTheApplicationsOwnBean(UserBean bean) {
		bean.assertUsedBy(this.runner.withPropertyValues("zk-workflow.fail-fast=true"));
	}

	static Stream<UserBean> usersOwnBeans() {
		return Stream.of(UserBean.built(ZkRoot.class, "/users-own"), UserBean.built(RootInitializer.class),
				UserBean.built(StartupConnectionCheck.class, Duration.ofSeconds(5)),
				UserBean.supplied(EphemeralBudget.class, () -> new EphemeralBudget(10_000, 100)),
				UserBean.supplied(EphemeralBudgetMetrics.class,
						() -> new EphemeralBudgetMetrics(EphemeralBudget.withDefaults(), null)),
				UserBean.named(DISCOVERY_EPHEMERALS, new StandingEphemerals(EphemeralBudget.withDefaults())));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserRootConfiguration {

		@Bean
		ZkRoot customRoot() {
			return new ZkRoot("/custom");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoClientsConfiguration {

		@Bean
		CuratorFramework firstClient() {
			return CuratorFrameworkFactory.newClient(zookeeper.connectString(), new RetryOneTime(10));
		}

		@Bean
		CuratorFramework secondClient() {
			return CuratorFrameworkFactory.newClient(zookeeper.connectString(), new RetryOneTime(10));
		}

	}

}
