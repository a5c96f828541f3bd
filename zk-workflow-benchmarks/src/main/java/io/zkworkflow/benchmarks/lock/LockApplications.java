package io.zkworkflow.benchmarks.lock;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.lock.LockAutoConfiguration;
import io.zkworkflow.benchmarks.BenchmarkContext;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
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

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	/**
	 * Start one more instance.
	 * @param context the subject's benchmark context
	 * @param sessionTimeout spring-cloud-zookeeper's session timeout, e.g. {@code 30s}
	 * @return the instance's locked bean
	 */
	LockedCalls start(BenchmarkContext context, String sessionTimeout) {
		ConfigurableApplicationContext application = new SpringApplicationBuilder(Instance.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.properties("spring.cloud.zookeeper.connect-string=" + context.connectString(),
					"spring.cloud.zookeeper.session-timeout=" + sessionTimeout,
					"zk-workflow.root-path=" + context.path("root"))
			.run();
		this.contexts.add(application);
		return application.getBean(LockedCalls.class);
	}

	/**
	 * Return the application context of an instance started earlier.
	 * @param index the instance, in start order
	 * @return its context
	 */
	ConfigurableApplicationContext context(int index) {
		return this.contexts.get(index);
	}

	@Override
	public void close() {
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
		this.contexts.clear();
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
