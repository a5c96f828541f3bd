package io.zkworkflow.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each instance's own {@link TaskDecorator} wraps the handler runs of that instance, so what it
 * puts in the MDC (or a security context, or any thread-local) is what the handler sees there,
 * whichever instance submitted the task.
 */
class TaskDecoratorPropagationTests {

	private static final String MDC_KEY = "zk-test-decorated-by";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final List<Run> runs = new CopyOnWriteArrayList<>();

	/** Both handler runs wait here, so each instance (one thread each) has to take one task. */
	static volatile CountDownLatch bothRunning = new CountDownLatch(2);

	private final ZkInstances instances = TaskInstances.on(zookeeper);

	@BeforeEach
	void reset() {
		runs.clear();
		bothRunning = new CountDownLatch(2);
	}

	@AfterEach
	void close() {
		this.instances.close();
	}

	@Test
	void eachInstancesDecoratorSetsTheContextItsHandlerSees() {
		ConfigurableApplicationContext a = this.instances.start(new Class<?>[] { Workers.class, Decorated.class },
				"test.role=A");
		this.instances.start(new Class<?>[] { Workers.class, Decorated.class }, "test.role=B");
		TaskClient client = a.getBean(TaskClient.class);
		List<TaskId> ids = List.of(client.submit("decorated", "one"), client.submit("decorated", "two"));
		await().until(() -> ids.stream().allMatch((id) -> client.status(id).state() == TaskState.SUCCEEDED));
		assertThat(runs).extracting(Run::role).containsExactlyInAnyOrder("A", "B");
		assertThat(runs).allSatisfy((run) -> assertThat(run.mdc()).isEqualTo("decorator-of-" + run.role()));
	}

	@Test
	void twoDecoratorsWithoutAPrimaryOneWrapNothing() {
		bothRunning = new CountDownLatch(0);
		ConfigurableApplicationContext a = this.instances
			.start(new Class<?>[] { Workers.class, Decorated.class, AnotherDecorator.class }, "test.role=A");
		TaskClient client = a.getBean(TaskClient.class);
		TaskId id = client.submit("decorated", "one");
		await().until(() -> client.status(id).state() == TaskState.SUCCEEDED);
		assertThat(runs).singleElement().extracting(Run::mdc).isEqualTo("null");
	}

	record Run(String role, String mdc) {
	}

	@Configuration(proxyBeanMethods = false)
	static class Workers {

		@Bean
		DecoratedHandler decoratedHandler(@Value("${test.role}") String role) {
			return new DecoratedHandler(role);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Decorated {

		@Bean
		TaskDecorator mdcDecorator(@Value("${test.role}") String role) {
			return (runnable) -> () -> {
				MDC.put(MDC_KEY, "decorator-of-" + role);
				try {
					runnable.run();
				}
				finally {
					MDC.remove(MDC_KEY);
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnotherDecorator {

		@Bean
		TaskDecorator otherDecorator() {
			return (runnable) -> () -> {
				MDC.put(MDC_KEY, "other");
				try {
					runnable.run();
				}
				finally {
					MDC.remove(MDC_KEY);
				}
			};
		}

	}

	static class DecoratedHandler {

		private final String role;

		DecoratedHandler(String role) {
			this.role = role;
		}

		@WorkflowTask(name = "decorated", concurrency = 1)
		public void run(String payload) throws InterruptedException {
			runs.add(new Run(this.role, String.valueOf(MDC.get(MDC_KEY))));
			bothRunning.countDown();
			bothRunning.await(30, TimeUnit.SECONDS);
		}

	}

}
