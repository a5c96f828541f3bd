package io.zkworkflow.task.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zkworkflow.task.LeaseLostException;
import io.zkworkflow.task.TaskAttempt;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.TaskId;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * One claimed attempt, and the {@link TaskContext} its handler sees. Exactly one party ends
 * an attempt ({@link #end()}): the worker thread when the handler returns, the timeout timer,
 * or a shutdown hand-back; the others find it ended and do nothing.
 */
final class RunningAttempt implements TaskContext {

	private final CuratorFramework curator;

	private final TaskRecord record;

	private final String runPath;

	private final String leasePath;

	private final long sessionId;

	private final long claimedAt;

	private final long startNanos = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	private @Nullable Thread handlerThread;

	private volatile @Nullable ScheduledFuture<?> timeout;

	private volatile long fencingToken;

	private volatile TaskTracing.Attempt observation = TaskTracing.Attempt.NONE;

	RunningAttempt(CuratorFramework curator, TaskRecord record, String runPath, String leasePath, long sessionId,
			long claimedAt) {
		this.curator = curator;
		this.claimedAt = claimedAt;
		this.record = record;
		this.runPath = runPath;
		this.leasePath = leasePath;
		this.sessionId = sessionId;
	}

	void observation(TaskTracing.Attempt observation) {
		this.observation = observation;
	}

	private volatile @Nullable Throwable failure;

	/** Keep what the handler threw, so that the observation records it (with its stack trace). */
	void failedWith(Throwable failure) {
		this.failure = failure;
	}

	/** End this attempt's observation (the first call counts), with the handler's error if it threw. */
	void observed(TaskMetrics.Outcome outcome) {
		this.observation.stop(outcome.tag(), (outcome == TaskMetrics.Outcome.SUCCEEDED) ? null : this.failure);
	}

	/**
	 * The summary of this attempt as it ends, for the task's record.
	 * @param outcome how it ended
	 * @param error the engine's description of the failure, if it failed
	 * @return the summary, with what the handler threw (if it threw) and the fencing token if
	 * the handler read it
	 */
	AttemptRecord summary(TaskAttempt.Outcome outcome, @Nullable String error) {
		Throwable thrown = (outcome == TaskAttempt.Outcome.FAILED) ? this.failure : null;
		return AttemptHistory.attempt(attempt(), String.valueOf(this.record.owner()), this.claimedAt, elapsedNanos() / 1_000_000,
				outcome, thrown, error, this.fencingToken);
	}

	TaskTracing.Attempt observation() {
		return this.observation;
	}

	TaskRecord record() {
		return this.record;
	}

	String runPath() {
		return this.runPath;
	}

	long elapsedNanos() {
		return System.nanoTime() - this.startNanos;
	}

	/** Claim the right to end this attempt; {@code true} for the first caller only. */
	boolean end() {
		return this.ended.compareAndSet(false, true);
	}

	boolean isEnded() {
		return this.ended.get();
	}

	void timeout(ScheduledFuture<?> timeout) {
		this.timeout = timeout;
	}

	synchronized void handlerStarted(Thread thread) {
		this.handlerThread = thread;
	}

	synchronized void handlerFinished() {
		this.handlerThread = null;
		ScheduledFuture<?> future = this.timeout;
		if (future != null) {
			future.cancel(false);
		}
	}

	/** Interrupt the handler if it still runs; never the worker thread's own later work. */
	synchronized void interruptHandler() {
		if (this.handlerThread != null) {
			this.handlerThread.interrupt();
		}
	}

	@Override
	public TaskId taskId() {
		return this.record.id();
	}

	@Override
	public int attempt() {
		return this.record.attempts();
	}

	@Override
	public @Nullable String idempotencyKey() {
		return this.record.key();
	}

	@Override
	public Map<String, String> attributes() {
		return this.record.attributes();
	}

	@Override
	public Instant deadline() {
		return Instant.ofEpochMilli(this.record.deadline());
	}

	@Override
	public long fencingToken() {
		if (this.fencingToken == 0) {
			Stat stat;
			try {
				stat = this.curator.checkExists().forPath(this.leasePath);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not read the lease of task " + taskId() + ": " + ex, ex);
			}
			if (stat == null || stat.getEphemeralOwner() != this.sessionId) {
				throw new LeaseLostException("Task " + taskId() + " attempt " + attempt()
						+ " no longer holds its lease; stop and let the newer attempt do the work");
			}
			this.fencingToken = stat.getCzxid();
		}
		return this.fencingToken;
	}

	@Override
	public boolean isLeaseHeld() {
		if (this.ended.get() || !this.curator.getZookeeperClient().isConnected()) {
			return false;
		}
		try {
			return this.curator.getZookeeperClient().getZooKeeper().getSessionId() == this.sessionId;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
