package io.zkworkflow.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three worker instances compete for 10,000 tasks: every task's output is committed exactly
 * once and none is missing.
 */
class TaskExactlyOnceCommitTests {

	private static final int TASKS = 10_000;

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final Map<TaskId, AtomicInteger> commits = new ConcurrentHashMap<>();

	static final Map<TaskId, Integer> outputs = new ConcurrentHashMap<>();

	static final AtomicInteger handlerRuns = new AtomicInteger();

	@Test
	void everyTaskIsCommittedExactlyOnceAcrossThreeWorkers() throws Exception {
		try (ZkInstances instances = TaskInstances.on(zookeeper)) {
			ConfigurableApplicationContext[] workers = new ConfigurableApplicationContext[3];
			for (int i = 0; i < workers.length; i++) {
				workers[i] = instances.start(NoOpWorker.class);
				workers[i].addApplicationListener(ApplicationListener.forPayload(TaskExactlyOnceCommitTests::record));
			}
			TaskClient client = workers[0].getBean(TaskClient.class);
			Map<TaskId, Integer> submitted = new ConcurrentHashMap<>();
			ExecutorService producers = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> batches = new java.util.ArrayList<>();
				for (int p = 0; p < 4; p++) {
					int producer = p;
					batches.add(producers.submit(() -> {
						for (int i = producer; i < TASKS; i += 4) {
							submitted.put(client.submit("noop", i), i);
						}
					}));
				}
				for (Future<?> batch : batches) {
					batch.get();
				}
			}
			finally {
				producers.shutdown();
			}
			assertThat(submitted).hasSize(TASKS);
			await().atMost(Duration.ofMinutes(2)).until(() -> commits.size() >= TASKS);
			assertThat(commits.keySet()).isEqualTo(submitted.keySet());
			assertThat(commits.values()).allMatch((count) -> count.get() == 1);
			submitted.forEach((id, payload) -> assertThat(outputs.get(id)).isEqualTo(payload));
			assertThat(handlerRuns.get()).isGreaterThanOrEqualTo(TASKS);
			assertThat(doneNodes(workers[0].getBean(CuratorFramework.class))).isEqualTo(TASKS);
		}
	}

	private static long doneNodes(CuratorFramework curator) throws Exception {
		String root = "/zk-workflow/tasks/noop/done";
		long total = 0;
		for (String bucket : curator.getChildren().forPath(root)) {
			total += curator.getChildren().forPath(root + "/" + bucket).size();
		}
		return total;
	}

	private static void record(Object event) {
		if (event instanceof TaskCompletedEvent completed) {
			outputs.put(completed.id(), completed.output().asInt());
			commits.computeIfAbsent(completed.id(), (id) -> new AtomicInteger()).incrementAndGet();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class NoOpWorker {

		@Bean
		Object noOpHandler() {
			return new Object() {

				@WorkflowTask(name = "noop", concurrency = 8)
				public int noop(int value) {
					handlerRuns.incrementAndGet();
					return value;
				}

			};
		}

	}

}
