package io.zkworkflow.config.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs change listeners off the apply thread. Each listener has its own queue (it sees its
 * changes in order) drained on a shared pool, so a slow listener delays only itself; a call
 * running longer than the timeout is logged and interrupted.
 */
final class ListenerDispatcher implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ListenerDispatcher.class);

	private final Duration timeout;

	private final ExecutorService workers;

	private final ScheduledExecutorService watchdog;

	private final Map<Object, SerialQueue> queues = new ConcurrentHashMap<>();

	ListenerDispatcher(Duration timeout) {
		this.timeout = timeout;
		AtomicInteger count = new AtomicInteger();
		// zk-workflow's own pool, not the application's executor: a listener call that overruns
		// its timeout is interrupted, which a shared or bounded executor must not see done to it
		this.workers = Executors.newCachedThreadPool((task) -> daemon(task, "zk-config-listener-" + count.incrementAndGet()));
		this.watchdog = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "zk-config-listener-timeout"));
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * Queue one call of a listener.
	 * @param listener identifies the listener (its calls run in order)
	 * @param description names the listener in logs
	 * @param call the call
	 */
	void dispatch(Object listener, String description, Runnable call) {
		SerialQueue queue = this.queues.computeIfAbsent(listener, (key) -> new SerialQueue());
		queue.calls.add(new Call(description, call));
		if (queue.running.compareAndSet(false, true)) {
			try {
				this.workers.execute(() -> drain(queue));
			}
			catch (RejectedExecutionException ex) {
				queue.running.set(false); // closed
			}
		}
	}

	private void drain(SerialQueue queue) {
		while (true) {
			Call call;
			while ((call = queue.calls.poll()) != null) {
				run(call);
			}
			queue.running.set(false);
			if (queue.calls.isEmpty() || !queue.running.compareAndSet(false, true)) {
				return;
			}
		}
	}

	private void run(Call call) {
		Thread thread = Thread.currentThread();
		ScheduledFuture<?> alarm;
		try {
			alarm = this.watchdog.schedule(() -> {
				logger.warn(call.description + " has run longer than zk-workflow.config.listener-timeout ("
						+ this.timeout + "); interrupting it. Make it faster or hand the work to another thread.");
				thread.interrupt();
			}, this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			return; // closed
		}
		try {
			call.runnable.run();
		}
		catch (RuntimeException | Error ex) {
			logger.warn(call.description + " failed: " + ex, ex);
		}
		finally {
			alarm.cancel(false);
			Thread.interrupted();
		}
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
		this.watchdog.shutdownNow();
	}

	private static final class SerialQueue {

		final Queue<Call> calls = new ConcurrentLinkedQueue<>();

		final AtomicBoolean running = new AtomicBoolean();

	}

	private record Call(String description, Runnable runnable) {
	}

}
