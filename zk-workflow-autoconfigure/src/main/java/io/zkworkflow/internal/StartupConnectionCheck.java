package io.zkworkflow.internal;

import java.time.Duration;

import org.apache.curator.framework.CuratorFramework;

import org.springframework.beans.factory.InitializingBean;

/**
 * Fails startup with {@link ZooKeeperUnreachableException} when the client is not connected.
 * spring-cloud-zookeeper has already blocked for its connection wait when the client bean is
 * handed to us, so this check adds no wait of its own.
 */
public class StartupConnectionCheck implements InitializingBean {

	private final CuratorFramework curator;

	private final Duration waited;

	public StartupConnectionCheck(CuratorFramework curator, Duration waited) {
		this.curator = curator;
		this.waited = waited;
	}

	@Override
	public void afterPropertiesSet() {
		if (!this.curator.getZookeeperClient().isConnected()) {
			throw new ZooKeeperUnreachableException(this.curator.getZookeeperClient().getCurrentConnectionString(),
					this.waited);
		}
	}

}
