package io.zkworkflow.benchmarks.capability;

import io.zkworkflow.autoconfigure.TaskAutoConfiguration;
import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.task.internal.TaskMetrics;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The applications the task subjects start: a producer (the task client, no handler) and a
 * worker serving the no-op task {@value #NOOP} with a concurrency of {@value #WORKER_CONCURRENCY}.
 */
final class TaskApps {

	/** Name of the benchmark's no-op task. */
	static final String NOOP = "bench-noop";

	/** Handler threads per worker instance. */
	static final int WORKER_CONCURRENCY = 8;

	private TaskApps() {
	}

	static Class<?>[] producer() {
		return new Class<?>[] { Infrastructure.class };
	}

	static Class<?>[] worker() {
		return new Class<?>[] { Infrastructure.class, NoOpWorker.class };
	}

	/** What every instance needs: ZooKeeper, Jackson, zk-workflow and its task engine. */
	@ImportAutoConfiguration({ ZookeeperAutoConfiguration.class, JacksonAutoConfiguration.class,
			ZkWorkflowAutoConfiguration.class, TaskAutoConfiguration.class })
	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

		@Bean
		TaskMetrics benchmarkClaimTiming() {
			return new TaskProbe.ClaimTimingMetrics();
		}

	}

	/** The no-op handler: reports to {@link TaskProbe#onRun} and returns its payload. */
	@Configuration(proxyBeanMethods = false)
	static class NoOpWorker {

		@Bean
		NoOpHandler benchmarkNoOpHandler() {
			return new NoOpHandler();
		}

	}

	/** Bean holding the no-op {@code @WorkflowTask}. */
	public static class NoOpHandler {

		@WorkflowTask(name = NOOP, concurrency = WORKER_CONCURRENCY)
		public TaskItem run(TaskItem item) {
			TaskProbe.onRun.accept(item);
			return item;
		}

	}

}
