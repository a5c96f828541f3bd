package io.zkworkflow.reliability;

import io.zkworkflow.internal.ZkRoot;
import org.apache.curator.framework.CuratorFramework;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a {@link Workload} works with: the worker's application context, its one ZooKeeper client
 * (the application's own, built by spring-cloud-zookeeper), the zk-workflow root and the
 * worker's history.
 *
 * @param id the worker id ({@code reliability.worker-id}), also its history source
 * @param context the running application
 * @param curator the application's client
 * @param root the zk-workflow root
 * @param history the worker's recorder
 */
public record WorkerContext(String id, ConfigurableApplicationContext context, CuratorFramework curator, ZkRoot root,
		HistoryRecorder history) {

	/**
	 * Read a workload setting from the worker's environment.
	 * @param <T> the type
	 * @param name the property
	 * @param type the type to convert to
	 * @param defaultValue the value when unset
	 * @return the value
	 */
	public <T> T property(String name, Class<T> type, T defaultValue) {
		return this.context.getEnvironment().getProperty(name, type, defaultValue);
	}

}
