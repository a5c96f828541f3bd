package io.zkworkflow.task.internal;

import java.util.function.Function;
import java.util.function.Supplier;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads the task engine runs on, handed over by the auto-configuration (built from
 * Spring Boot's task execution and scheduling builders when the application has them, so that
 * {@code spring.threads.virtual.enabled} and the application's {@link TaskDecorator} apply).
 *
 * @param handlers the executor whose threads claim and run the attempts of one task name, given
 * the thread name prefix ({@code zk-task-<name>-}); it runs each of those long-lived loops on a
 * thread of its own, a virtual one where the application runs on virtual threads, and decorates
 * nothing
 * @param decorator wraps each attempt run, which then runs at once on the claiming thread
 * @param coordinator a scheduler, not yet initialized, for the coordinator round and the member
 * refresh; the engine names it, makes it a daemon or not, and starts it
 */
public record TaskThreads(Function<String, TaskExecutor> handlers, TaskDecorator decorator,
		Supplier<ThreadPoolTaskScheduler> coordinator) {

	/** Platform threads of zk-workflow's own, and no decorator. */
	public static final TaskThreads PLATFORM = new TaskThreads(TaskThreads::platformHandlers, (runnable) -> runnable,
			ThreadPoolTaskScheduler::new);

	/** The thread name prefix of the coordinator's scheduler. */
	static final String COORDINATOR_PREFIX = "zk-task-coordinator-";

	/**
	 * Return the thread name prefix of the threads that claim and run one task name's attempts.
	 * @param name the task name
	 * @return the prefix
	 */
	static String handlerPrefix(String name) {
		return "zk-task-" + name + "-";
	}

	private static TaskExecutor platformHandlers(String prefix) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix);
		executor.setDaemon(true);
		return executor;
	}

}
