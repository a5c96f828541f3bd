package io.zkworkflow.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralBudgetMetrics;
import io.zkworkflow.internal.RootInitializer;
import io.zkworkflow.internal.ServerCompatibilityCheck;
import io.zkworkflow.internal.StandingEphemerals;
import io.zkworkflow.internal.StartupConnectionCheck;
import io.zkworkflow.internal.WorkingClient;
import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.zookeeper.ConditionalOnZookeeperEnabled;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperProperties;
import org.springframework.cloud.zookeeper.discovery.ZookeeperDiscoveryProperties;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperRegistration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * zk-workflow's core: the root every capability writes under, created with the configured
 * ACL once connected, the fail-fast startup check, the check that the server is recent enough
 * (ZooKeeper 3.6 or later, for persistent watches) and the budget of the session's ephemeral
 * nodes (with its gauges, and the discovery registration counted in it). Uses the single {@code CuratorFramework}
 * that spring-cloud-zookeeper builds and never creates another.
 */
@AutoConfiguration(after = ZookeeperAutoConfiguration.class)
@ConditionalOnZookeeperEnabled
@ConditionalOnBooleanProperty(name = "zk-workflow.enabled", matchIfMissing = true)
@ConditionalOnSingleCandidate(CuratorFramework.class)
@EnableConfigurationProperties(ZkWorkflowProperties.class)
public final class ZkWorkflowAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ZkRoot zkWorkflowRoot(ZkWorkflowProperties properties) {
		return new ZkRoot(properties.getRootPath());
	}

	@Bean
	@ConditionalOnMissingBean
	RootInitializer zkWorkflowRootInitializer(CuratorFramework curator, ZkRoot root) {
		return new RootInitializer(curator, root);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("zk-workflow.fail-fast")
	StartupConnectionCheck zkWorkflowStartupConnectionCheck(CuratorFramework curator,
			ObjectProvider<ZookeeperProperties> zookeeperProperties) {
		ZookeeperProperties settings = zookeeperProperties.getIfAvailable(ZookeeperProperties::new);
		Duration waited = Duration
			.ofMillis(settings.getBlockUntilConnectedUnit().toMillis(settings.getBlockUntilConnectedWait()));
		return new StartupConnectionCheck(curator, waited);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerCompatibilityCheck zkWorkflowServerCompatibilityCheck(CuratorFramework curator) {
		return new ServerCompatibilityCheck(curator);
	}

	@Bean
	@ConditionalOnMissingBean
	EphemeralBudget zkWorkflowEphemeralBudget(ZkWorkflowProperties properties, CuratorFramework curator) {
		ZkWorkflowProperties.EphemeralBudget settings = properties.getEphemeralBudget();
		DataSize maxBytes = settings.getMaxBytes();
		Integer maxCount = settings.getMaxCount();
		EphemeralBudget budget = new EphemeralBudget(
				(maxBytes != null) ? maxBytes.toBytes() : EphemeralBudget.defaultMaxBytes(),
				(maxCount != null) ? maxCount : Long.MAX_VALUE);
		WorkingClient.addListener(curator, budget);
		return budget;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class EphemeralBudgetMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EphemeralBudgetMetrics zkWorkflowEphemeralBudgetMetrics(EphemeralBudget budget,
				ObjectProvider<MeterRegistry> meters) {
			return new EphemeralBudgetMetrics(budget, meters.getIfUnique());
		}

	}

	/**
	 * Counts spring-cloud-zookeeper's registration of this instance, an ephemeral node of the
	 * same session, as {@code {discovery root}/{service name}/{instance id}}. The instance is
	 * not asked for its id (that would build it before its port is known): the id is taken as
	 * configured, or as long as the random UUID used by default.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ZookeeperRegistration.class, ZookeeperDiscoveryProperties.class })
	static class DiscoveryEphemeralConfiguration {

		private static final String RANDOM_ID = "x".repeat(36);

		@Bean
		@ConditionalOnMissingBean(name = "zkWorkflowDiscoveryEphemerals")
		StandingEphemerals zkWorkflowDiscoveryEphemerals(EphemeralBudget budget, CuratorFramework curator,
				ObjectProvider<ZookeeperRegistration> registration, ObjectProvider<ZookeeperDiscoveryProperties> discovery,
				Environment environment) {
			StandingEphemerals ephemerals = new StandingEphemerals(budget);
			ZookeeperDiscoveryProperties settings = discovery.getIfAvailable();
			if (registration.getIfAvailable() != null && settings != null && settings.isRegister()) {
				String name = environment.getProperty("spring.application.name", "application");
				String id = environment.getProperty("spring.cloud.zookeeper.discovery.instance-id", RANDOM_ID);
				String path = ZKPaths.makePath(settings.getRoot(), name, (id.length() > RANDOM_ID.length()) ? id : RANDOM_ID);
				ephemerals.add(ZKPaths.fixForNamespace(curator.getNamespace(), path));
			}
			return ephemerals;
		}

	}

}
