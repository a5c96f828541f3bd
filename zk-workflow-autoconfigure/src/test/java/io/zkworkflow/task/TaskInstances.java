package io.zkworkflow.task;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

/**
 * How the task tests start application instances: spring-cloud-zookeeper's client, Jackson and
 * the task engine, short session and coordinator timings.
 */
final class TaskInstances {

	private TaskInstances() {
	}

	static ZkInstances on(ZooKeeperServerExtension zookeeper) {
		return ZkInstances.on(zookeeper)
			.sources(Infrastructure.class)
			.properties("spring.cloud.zookeeper.session-timeout=4s", "spring.cloud.zookeeper.connection-timeout=2s",
					"zk-workflow.tasks.coordinator-interval=100ms", "zk-workflow.tasks.member-refresh=200ms",
					"logging.level.io.zkworkflow=WARN");
	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class })
	static class Infrastructure {

	}

}
