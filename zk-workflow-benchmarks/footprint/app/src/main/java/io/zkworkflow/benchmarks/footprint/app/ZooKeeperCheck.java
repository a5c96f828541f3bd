package io.zkworkflow.benchmarks.footprint.app;

import java.util.List;

import org.apache.curator.framework.CuratorFramework;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;

/**
 * What a variant with ZooKeeper promises: one connected client, the instance in discovery
 * ({@link DiscoveryCheck}) and, with zk-workflow, a lock ({@link LockCheck}). Each check is a
 * class of its own, loaded only when the types it names are on the classpath.
 */
final class ZooKeeperCheck {

	private ZooKeeperCheck() {
	}

	static String run(ConfigurableApplicationContext context) {
		String[] clients = context.getBeanNamesForType(CuratorFramework.class);
		if (clients.length != 1) {
			throw new IllegalStateException("expected one CuratorFramework bean, found " + List.of(clients));
		}
		CuratorFramework curator = context.getBean(CuratorFramework.class);
		if (!curator.getZookeeperClient().isConnected()) {
			throw new IllegalStateException("the client is not connected");
		}
		StringBuilder result = new StringBuilder("clients=1 connected=true");
		ClassLoader loader = ZooKeeperCheck.class.getClassLoader();
		if (ClassUtils.isPresent("org.springframework.cloud.zookeeper.serviceregistry.ZookeeperRegistration", loader)) {
			result.append(' ').append(DiscoveryCheck.run(context, curator));
		}
		if (ClassUtils.isPresent("io.zkworkflow.lock.DistributedLockTemplate", loader)) {
			result.append(' ').append(LockCheck.run(context));
		}
		return result.toString();
	}

}
