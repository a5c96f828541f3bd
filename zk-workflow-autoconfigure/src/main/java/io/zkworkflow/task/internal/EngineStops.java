package io.zkworkflow.task.internal;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The task engine's graceful stops, each on a thread of its own so that Boot's lifecycle
 * processor stops the other beans of the engine's phase meanwhile. The thread is a platform
 * thread of zk-workflow's own: the application's executors may be shutting down too.
 */
final class EngineStops {

	private static final String THREAD_NAME = "zk-task-shutdown";

	/** The current or last stop's drain, which a destroy may cut short. */
	private volatile @Nullable ConsumerDrain drain;

	private volatile @Nullable Thread thread;

	/**
	 * Start a stop.
	 * @param drain the consumers' drain
	 * @param release drains, then releases what the engine holds
	 * @param callback told when the stop has ended
	 */
	void begin(ConsumerDrain drain, Consumer<ConsumerDrain> release, Runnable callback) {
		Thread stopping = new Thread(() -> {
			try {
				release.accept(drain);
			}
			finally {
				callback.run();
			}
		}, THREAD_NAME);
		stopping.setDaemon(true);
		this.drain = drain;
		this.thread = stopping;
		stopping.start();
	}

	/** Cut the current stop's wait short: what still runs is handed back now. */
	void hurry() {
		ConsumerDrain current = this.drain;
		if (current != null) {
			current.hurry();
		}
	}

	/** Wait for the current stop, if any, to end. */
	void await() {
		Thread stopping = this.thread;
		if (stopping == null) {
			return;
		}
		try {
			stopping.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
