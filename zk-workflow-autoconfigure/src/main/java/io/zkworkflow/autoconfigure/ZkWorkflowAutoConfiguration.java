package io.zkworkflow.autoconfigure;

import java.time.Duration;

import io.zkworkflow.internal.RootInitializer;
import io.zkworkflow.internal.StartupConnectionCheck;
import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.zookeeper.ConditionalOnZookeeperEnabled;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperProperties;
import org.springframework.context.annotation.Bean;

/**
 * zk-workflow's core: the root every capability writes under, created with the configured
 * ACL once connected, and the fail-fast startup check. Uses the single {@code CuratorFramework}
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

}
