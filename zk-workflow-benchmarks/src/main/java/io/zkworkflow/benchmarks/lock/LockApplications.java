package io.zkworkflow.benchmarks.lock;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.test.ZkInstances;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Minimal application instances for the annotation subjects: spring-cloud-zookeeper's client
 * (one session per instance), zk-workflow's core and lock auto-configuration, and one
 * {@link LockedCalls} bean. Every instance works under the subject's own root.
 */
final class LockApplications implements AutoCloseable {

	private @Nullable ZkInstances instances;

	/**
	 * Start one more instance.
	 * @param context the subject's benchmark context
	 * @param sessionTimeout spring-cloud-zookeeper's session timeout, e.g. {@code 30s}
	 * @return the instance's locked bean
	 */
	LockedCalls start(BenchmarkContext context, String sessionTimeout) {
		return start(context, sessionTimeout, new Class<?>[0]);
	}

	/**
	 * Start one more instance with configuration of its own besides the minimal one.
	 * @param context the subject's benchmark context
	 * @param sessionTimeout spring-cloud-zookeeper's session timeout, e.g. {@code 30s}
	 * @param extra further configuration classes, e.g. an {@code ObservationRegistry}
	 * @return the instance's locked bean
	 */
	LockedCalls start(BenchmarkContext context, String sessionTimeout, Class<?>... extra) {
		if (this.instances == null) {
			this.instances = ZkInstances.on(context.connectString()).properties("spring.main.log-startup-info=false");
		}
		Class<?>[] sources = new Class<?>[extra.length + 1];
		sources[0] = Instance.class;
		System.arraycopy(extra, 0, sources, 1, extra.length);
		return this.instances
			.start(sources, "spring.cloud.zookeeper.session-timeout=" + sessionTimeout,
					"zk-workflow.root-path=" + context.path("root"))
			.getBean(LockedCalls.class);
	}

	/**
	 * Return the application context of an instance started earlier.
	 * @param index the instance, in start order
	 * @return its context
	 */
	ConfigurableApplicationContext context(int index) {
		if (this.instances == null) {
			throw new IllegalStateException("No instance started yet");
		}
		return this.instances.get(index);
	}

	@Override
	public void close() {
		if (this.instances != null) {
			this.instances.close();
			this.instances = null;
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, ZkWorkflowAutoConfiguration.class,
			LockAutoConfiguration.class })
	static class Instance {

		@Bean
		LockedCalls lockedCalls() {
			return new LockedCalls();
		}

	}

}
