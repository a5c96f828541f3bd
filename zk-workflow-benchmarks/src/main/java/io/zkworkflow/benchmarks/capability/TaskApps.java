package io.zkworkflow.benchmarks.capability;

import io.zkworkflow.autoconfigure.ZkWorkflowAutoConfiguration;
import io.zkworkflow.autoconfigure.task.TaskAutoConfiguration;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.task.internal.TaskMetrics;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The applications the task subjects start: a producer (the task client, no handler) and a
 * worker serving the no-op task {@value #NOOP} with a concurrency of {@value #WORKER_CONCURRENCY}
 * (or another of {@link #WORKER_THREAD_CHOICES}, see {@link #worker(int)}).
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

	/**
	 * A worker whose no-op handler has {@code threads} slots. {@code @WorkflowTask}
	 * concurrency is a constant, so each supported count has its own handler class.
	 * @param threads one of {@link #WORKER_THREAD_CHOICES}
	 * @return the configuration classes
	 * @throws IllegalArgumentException for another count
	 */
	static Class<?>[] worker(int threads) {
		Class<?> handler = switch (threads) {
			case WORKER_CONCURRENCY -> NoOpWorker.class;
			case 16 -> NoOpWorker16.class;
			case 32 -> NoOpWorker32.class;
			case 64 -> NoOpWorker64.class;
			case 128 -> NoOpWorker128.class;
			default -> throw new IllegalArgumentException("--task-worker-threads=" + threads
					+ " is not supported; use one of " + WORKER_THREAD_CHOICES);
		};
		return new Class<?>[] { Infrastructure.class, handler };
	}

	/** The handler thread counts {@link #worker(int)} supports. */
	static final String WORKER_THREAD_CHOICES = "8, 16, 32, 64, 128";

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

	@Configuration(proxyBeanMethods = false)
	static class NoOpWorker16 {

		@Bean
		Object benchmarkNoOpHandler() {
			return new Object() {

				@WorkflowTask(name = NOOP, concurrency = 16)
				public TaskItem run(TaskItem item) {
					TaskProbe.onRun.accept(item);
					return item;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoOpWorker32 {

		@Bean
		Object benchmarkNoOpHandler() {
			return new Object() {

				@WorkflowTask(name = NOOP, concurrency = 32)
				public TaskItem run(TaskItem item) {
					TaskProbe.onRun.accept(item);
					return item;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoOpWorker64 {

		@Bean
		Object benchmarkNoOpHandler() {
			return new Object() {

				@WorkflowTask(name = NOOP, concurrency = 64)
				public TaskItem run(TaskItem item) {
					TaskProbe.onRun.accept(item);
					return item;
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoOpWorker128 {

		@Bean
		Object benchmarkNoOpHandler() {
			return new Object() {

				@WorkflowTask(name = NOOP, concurrency = 128)
				public TaskItem run(TaskItem item) {
					TaskProbe.onRun.accept(item);
					return item;
				}

			};
		}

	}

}
