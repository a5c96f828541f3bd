package io.zkworkflow.task;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.test.ZkInstances;
import io.zkworkflow.test.ZooKeeperServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.MDC;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads handlers run on: Spring Boot's task execution builder (virtual threads when the
 * application asks for them), the application's {@link TaskDecorator} around each attempt, and
 * thread names that say the task.
 */
class TaskExecutorThreadsTests {

	private static final String MDC_KEY = "zk-test-run";

	@RegisterExtension
	static final ZooKeeperServerExtension zookeeper = new ZooKeeperServerExtension();

	static final List<Observed> observed = new CopyOnWriteArrayList<>();

	/** What the MDC held on the claiming thread when the decorator started, per decorated run. */
	static final List<String> mdcBeforeRun = new CopyOnWriteArrayList<>();

	static final AtomicInteger decorations = new AtomicInteger();

	private final ZkInstances instances = TaskInstances.on(zookeeper);

	@BeforeEach
	void clear() {
		observed.clear();
		mdcBeforeRun.clear();
		decorations.set(0);
	}

	@AfterEach
	void closeInstances() {
		this.instances.close();
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void handlersRunOnVirtualThreadsWhenTheApplicationAsksForThem() {
		runTwo(this.instances.start(new Class<?>[] { BootTaskExecution.class, ThreadHandlers.class },
				"spring.threads.virtual.enabled=true"));
		assertThat(observed).hasSize(2).allSatisfy((run) -> {
			assertThat(run.virtual()).isTrue();
			assertThat(run.thread()).startsWith("zk-task-observe-");
		});
	}

	@Test
	void handlersRunOnPlatformThreadsNamedAfterTheirTask() {
		runTwo(this.instances.start(new Class<?>[] { BootTaskExecution.class, ThreadHandlers.class }));
		assertThat(observed).hasSize(2).allSatisfy((run) -> {
			assertThat(run.virtual()).isFalse();
			assertThat(run.thread()).matches("zk-task-observe-\\d+");
		});
		assertThat(threadNames()).anyMatch((name) -> name.startsWith("zk-task-coordinator-"));
	}

	@Test
	void theDecoratorWrapsEachAttemptAndItsContextIsGoneAfterIt() {
		runTwo(this.instances.start(new Class<?>[] { BootTaskExecution.class, ThreadHandlers.class }));
		// one claiming thread: the second attempt starts on the thread the first one ran on
		assertThat(observed).extracting(Observed::thread).hasSize(2).containsOnly(observed.get(0).thread());
		assertThat(observed).extracting(Observed::mdc).containsExactly("run-1", "run-2");
		assertThat(mdcBeforeRun).containsExactly("none", "none");
		// the long-lived claim loop itself is not decorated, only the attempts
		assertThat(decorations).hasValue(2);
	}

	@Test
	void withoutSpringBootsBuilderHandlersRunOnPlatformThreadsAndAreStillDecorated() {
		runTwo(this.instances.start(ThreadHandlers.class));
		assertThat(observed).hasSize(2).allSatisfy((run) -> {
			assertThat(run.virtual()).isFalse();
			assertThat(run.thread()).matches("zk-task-observe-\\d+");
		});
		assertThat(observed).extracting(Observed::mdc).containsExactly("run-1", "run-2");
		assertThat(mdcBeforeRun).containsExactly("none", "none");
	}

	@Test
	void theApplicationsOwnExecutorBuilderBuildsTheHandlerThreads() {
		runTwo(this.instances.start(new Class<?>[] { OwnExecutorBuilder.class, ThreadHandlers.class }));
		// the builder's customizer runs after the engine has named the threads after the task
		assertThat(observed).hasSize(2)
			.allSatisfy((run) -> assertThat(run.thread()).matches("app-zk-task-observe-\\d+"));
	}

	/** Submit two tasks, one after the other, and wait for both. */
	private static void runTwo(ConfigurableApplicationContext context) {
		TaskClient client = context.getBean(TaskClient.class);
		for (int i = 0; i < 2; i++) {
			TaskId id = client.submit("observe", "x" + i);
			await().until(() -> client.status(id).state() == TaskState.SUCCEEDED);
		}
	}

	private static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
	}

	/** Whether a thread is virtual, asked by reflection: the code compiles for Java 17. */
	static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Observed(String thread, boolean virtual, String mdc) {
	}

	@ImportAutoConfiguration({ TaskExecutionAutoConfiguration.class, TaskSchedulingAutoConfiguration.class })
	static class BootTaskExecution {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnExecutorBuilder {

		@Bean
		SimpleAsyncTaskExecutorBuilder appExecutorBuilder() {
			return new SimpleAsyncTaskExecutorBuilder().threadNamePrefix("app-")
				.customizers((executor) -> executor.setThreadNamePrefix("app-" + executor.getThreadNamePrefix()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThreadHandlers {

		@Bean
		Handlers threadHandlers() {
			return new Handlers();
		}

		/** Puts a value in the MDC for the run it wraps and takes it out after, as such decorators do. */
		@Bean
		TaskDecorator mdcDecorator() {
			return (runnable) -> () -> {
				String before = MDC.get(MDC_KEY);
				mdcBeforeRun.add((before != null) ? before : "none");
				MDC.put(MDC_KEY, "run-" + decorations.incrementAndGet());
				try {
					runnable.run();
				}
				finally {
					MDC.remove(MDC_KEY);
				}
			};
		}

	}

	static class Handlers {

		@WorkflowTask(name = "observe", concurrency = 1)
		public void observe(String payload) {
			Thread thread = Thread.currentThread();
			observed.add(new Observed(thread.getName(), isVirtual(thread), String.valueOf(MDC.get(MDC_KEY))));
		}

	}

}
