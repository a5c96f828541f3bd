package io.zkworkflow.workflow;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.test.ZooKeeperServerExtension;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts application instances, each a Spring context with its own ZooKeeper session, and
 * closes whatever is still open.
 */
final class WorkflowInstances implements AutoCloseable {

	private final ZooKeeperServerExtension zookeeper;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	WorkflowInstances(ZooKeeperServerExtension zookeeper) {
		this.zookeeper = zookeeper;
	}

	ConfigurableApplicationContext start(Class<?> configuration, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.cloud.zookeeper.connect-string=" + this.zookeeper.connectString(),
				"spring.cloud.zookeeper.session-timeout=4s", "spring.cloud.zookeeper.connection-timeout=2s",
				"spring.cloud.zookeeper.discovery.enabled=false", "spring.main.banner-mode=off",
				"zk-workflow.tasks.coordinator-interval=100ms", "zk-workflow.tasks.member-refresh=200ms",
				"zk-workflow.workflows.sweep-interval=500ms", "logging.level.io.zkworkflow=WARN",
				"logging.level.org.apache.zookeeper=ERROR", "logging.level.org.apache.curator=ERROR"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(configuration, Infrastructure.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		synchronized (this.contexts) {
			this.contexts.add(context);
		}
		return context;
	}

	List<ConfigurableApplicationContext> contexts() {
		synchronized (this.contexts) {
			return List.copyOf(this.contexts);
		}
	}

	@Override
	public void close() {
		synchronized (this.contexts) {
			this.contexts.forEach(ConfigurableApplicationContext::close);
			this.contexts.clear();
		}
	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class })
	static class Infrastructure {

	}

}
