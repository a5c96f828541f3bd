package io.zkworkflow.config.internal;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one thread that applies configuration. Signals that arrive while a drain is already
 * queued are folded into it: the drain reads the latest state anyway. The drain is told when
 * the first of its signals arrived, for the apply latency.
 */
final class ApplyThread implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ApplyThread.class);

	private final LongConsumer drain;

	private final ScheduledExecutorService executor;

	private final AtomicBoolean queued = new AtomicBoolean();

	private volatile long firstSignalNanos;

	/**
	 * Create the thread.
	 * @param drain what to run, given the {@link System#nanoTime()} of the first signal
	 */
	ApplyThread(LongConsumer drain) {
		this.drain = drain;
		// one dedicated daemon thread: configuration is applied in ZooKeeper's order, one drain at a time
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "zk-config-apply");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Queue a drain unless one is queued already. */
	void signal() {
		if (this.queued.compareAndSet(false, true)) {
			this.firstSignalNanos = System.nanoTime();
			try {
				this.executor.execute(this::run);
			}
			catch (RuntimeException ex) {
				this.queued.set(false);
			}
		}
	}

	/** Signal again shortly, while part of a transaction is still on its way. */
	void signalSoon() {
		this.executor.schedule(this::signal, 20, TimeUnit.MILLISECONDS);
	}

	private void run() {
		this.queued.set(false);
		this.drain.accept(this.firstSignalNanos);
	}

	/**
	 * Drain now and wait for it, at most {@code timeout}; used at startup.
	 * @param timeout the longest wait
	 */
	void drainAndWait(Duration timeout) {
		try {
			this.executor.submit(this::run).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Loading configuration from ZooKeeper did not finish: " + ex);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
