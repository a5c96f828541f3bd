package io.zkworkflow.workflow;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.workflow.WorkflowAutoConfiguration;
import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;

/**
 * How the workflow tests start application instances: spring-cloud-zookeeper's client, Jackson,
 * the task engine and workflows, short session, coordinator and sweep timings, quiet logs.
 */
final class WorkflowInstances {

	private WorkflowInstances() {
	}

	static ZkInstances on(ZooKeeperServerExtension zookeeper) {
		return ZkInstances.on(zookeeper)
			.sources(Infrastructure.class)
			.properties("spring.cloud.zookeeper.session-timeout=4s", "spring.cloud.zookeeper.connection-timeout=2s",
					"zk-workflow.tasks.coordinator-interval=100ms", "zk-workflow.tasks.member-refresh=200ms",
					"zk-workflow.workflows.sweep-interval=500ms", "logging.level.io.zkworkflow=WARN",
					"logging.level.org.apache.zookeeper=ERROR", "logging.level.org.apache.curator=ERROR");
	}

	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class, WorkflowAutoConfiguration.class })
	static class Infrastructure {

	}

}
