package io.zkworkflow.history.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.history.FinishedTask;
import io.zkworkflow.history.FinishedWorkflow;
import io.zkworkflow.history.internal.HistoryMetrics.Outcome;
import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.task.TaskDeadLetteredEvent;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.workflow.WorkflowCompletedEvent;
import io.zkworkflow.workflow.WorkflowFailedEvent;
import io.zkworkflow.workflow.WorkflowState;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Writes each ending this instance committed to the history tables. The task engine and the
 * workflows publish their end events on the committing instance once ZooKeeper confirmed the
 * commit, on the thread that committed; this listener only queues the row, so the database is
 * never in the commit's path. One writer thread drains the bounded queue. A row the database
 * refuses, or that finds the queue full, is logged, counted and given up: ZooKeeper still holds
 * the outcome for its retention, the history simply lacks that row.
 */
public final class HistoryRecorder implements ApplicationListener<PayloadApplicationEvent<?>>, DisposableBean {

	private static final Log logger = LogFactory.getLog(HistoryRecorder.class);

	private static final long WARN_EVERY_MILLIS = 60_000;

	private final HistoryWriter writer;

	private final HistoryMetrics metrics;

	private final Clock clock;

	private final Duration shutdownTimeout;

	private final ThreadPoolExecutor executor;

	private final AtomicLong lastWarning = new AtomicLong();

	private final AtomicLong lostSinceWarning = new AtomicLong();

	public HistoryRecorder(HistoryWriter writer, HistoryMetrics metrics, int queueCapacity, Duration shutdownTimeout) {
		this(writer, metrics, queueCapacity, shutdownTimeout, Clock.systemUTC());
	}

	HistoryRecorder(HistoryWriter writer, HistoryMetrics metrics, int queueCapacity, Duration shutdownTimeout,
			Clock clock) {
		this.writer = writer;
		this.metrics = metrics;
		this.clock = clock;
		this.shutdownTimeout = shutdownTimeout;
		CustomizableThreadFactory threads = new CustomizableThreadFactory("zk-workflow-history-");
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
				threads, new ThreadPoolExecutor.AbortPolicy());
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<?> event) {
		Object payload = event.getPayload();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		if (payload instanceof TaskCompletedEvent completed) {
			record(new FinishedTask(completed.id(), TaskState.SUCCEEDED, completed.attempt(), completed.output(), null,
					now, completed.duration()));
		}
		else if (payload instanceof TaskDeadLetteredEvent dead) {
			record(new FinishedTask(dead.id(), TaskState.DEAD, dead.attempts(), null, dead.error(), now, null));
		}
		else if (payload instanceof WorkflowCompletedEvent completed) {
			record(new FinishedWorkflow(completed.id(), completed.definition(), WorkflowState.COMPLETED,
					completed.outputs(), null, null, now.minus(completed.duration()), now));
		}
		else if (payload instanceof WorkflowFailedEvent failed) {
			record(new FinishedWorkflow(failed.id(), failed.definition(), failed.state(), Map.of(),
					failed.failedStep(), failed.error(), now.minus(failed.duration()), now));
		}
	}

	private void record(FinishedTask task) {
		offer("task", task.id().toString(), () -> this.writer.insert(task));
	}

	private void record(FinishedWorkflow workflow) {
		offer("workflow", workflow.id().value(), () -> this.writer.insert(workflow));
	}

	private void offer(String kind, String id, Insert insert) {
		try {
			this.executor.execute(() -> write(kind, id, insert));
		}
		catch (RejectedExecutionException ex) {
			this.metrics.write(kind, Outcome.DROPPED);
			lost(kind, id, "the history write queue is full or closed (raise zk-workflow.history.jdbc.queue-capacity "
					+ "if the database is slower than the fleet's endings)");
		}
	}

	private void write(String kind, String id, Insert insert) {
		try {
			this.metrics.write(kind, insert.run() ? Outcome.WRITTEN : Outcome.DUPLICATE);
		}
		catch (RuntimeException ex) {
			this.metrics.write(kind, Outcome.FAILED);
			lost(kind, id, "the database refused it: " + shortened(String.valueOf(ex)));
		}
	}

	/** One WARN a minute at most, so a database outage does not flood the log. */
	private void lost(String kind, String id, String why) {
		long lost = this.lostSinceWarning.incrementAndGet();
		long now = System.currentTimeMillis();
		long last = this.lastWarning.get();
		if (now - last >= WARN_EVERY_MILLIS && this.lastWarning.compareAndSet(last, now)) {
			this.lostSinceWarning.addAndGet(-lost);
			logger.warn("History row of " + kind + " '" + id + "' is lost: " + why + "; " + lost
					+ " row(s) lost since the last warning. ZooKeeper keeps the outcome for its retention; "
					+ "see zk.workflow.history.writes{outcome=failed|dropped}");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("History row of " + kind + " '" + id + "' is lost: " + why);
		}
	}

	/** Driver messages can quote whole statements; the log needs the gist. */
	private static String shortened(String text) {
		return (text.length() <= 300) ? text : text.substring(0, 300) + "...";
	}

	/** Let queued rows reach the database for a short while, then give up on the rest. */
	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdown();
		if (!this.executor.awaitTermination(this.shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
			int left = this.executor.shutdownNow().size();
			if (left > 0) {
				logger.warn(left + " history row(s) were still queued at shutdown and are lost");
			}
		}
	}

	@FunctionalInterface
	private interface Insert {

		boolean run();

	}

}
