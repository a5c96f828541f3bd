package io.zkworkflow.task;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @WorkflowTask(fleetConcurrency = 1)} across two instances that could each run three
 * attempts at once, and the property taking precedence over it.
 */
class TaskFleetLimitAnnotationTests {

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final AtomicInteger running = new AtomicInteger();

	static final AtomicInteger mostRunning = new AtomicInteger();

	static final CountDownLatch gate = new CountDownLatch(1);

	static final Set<Integer> done = ConcurrentHashMap.newKeySet();

	private static ZkInstances instances;

	@AfterAll
	static void stopInstances() {
		instances.close();
	}

	@Test
	void annotationLimitsTheFleetAndThePropertyWins() throws Exception {
		instances = TaskInstances.on(zookeeper);
		// the annotation says 1; the property raises it to 2 on both instances
		instances.start(Worker.class, "zk-workflow.tasks.limits.fleet-annotated.concurrency=2");
		instances.start(Worker.class, "zk-workflow.tasks.limits.fleet-annotated.concurrency=2");
		TaskClient client = instances.get(0).getBean(TaskClient.class);
		for (int n = 0; n < 6; n++) {
			client.submit("fleet-annotated", n);
			client.submit("fleet-annotated-one", n);
		}
		await().atMost(Duration.ofMinutes(1)).until(() -> running.get() == 3);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> running.get() == 3);
		gate.countDown();
		await().atMost(Duration.ofMinutes(1)).until(() -> done.size() == 12);
		assertThat(mostRunning.get()).isEqualTo(3);
	}

	static class Handler {

		@WorkflowTask(name = "fleet-annotated", concurrency = 3, fleetConcurrency = 1)
		public void annotated(int n) throws InterruptedException {
			run(n);
		}

		@WorkflowTask(name = "fleet-annotated-one", concurrency = 3, fleetConcurrency = 1)
		public void one(int n) throws InterruptedException {
			run(100 + n);
		}

		private void run(int n) throws InterruptedException {
			mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
			try {
				gate.await();
				done.add(n);
			}
			finally {
				running.decrementAndGet();
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Worker {

		@Bean
		Handler fleetHandler() {
			return new Handler();
		}

	}

}
