package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.List;

import io.zkworkflow.task.TaskAttempt;
import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.task.TaskOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Ends the attempts of one task name, each in one transaction that starts by deleting the
 * lease: a success with its output, a failure with its retry, a dead letter, or a hand-back
 * at shutdown. A worker that lost its lease has its ending refused, so it never commits.
 */
final class AttemptCompleter {

	private static final Log logger = LogFactory.getLog(AttemptCompleter.class);

	private final TaskDefinition definition;

	private final TaskRuntime runtime;

	private final Transactions transactions;

	private final MultiBatcher batcher;

	private final TaskEnder ender;

	AttemptCompleter(TaskDefinition definition, TaskRuntime runtime, Transactions transactions) {
		this.definition = definition;
		this.runtime = runtime;
		this.transactions = transactions;
		this.batcher = new MultiBatcher(runtime.curator());
		this.ender = new TaskEnder(runtime, this.batcher::commit);
	}

	void succeed(RunningAttempt attempt, @Nullable Object result) {
		TaskRecord run = attempt.record();
		JsonNode output;
		try {
			output = this.runtime.codec().toTree(result);
		}
		catch (RuntimeException ex) {
			deadLetter(attempt, "The output of " + this.definition.describe() + " cannot be written as JSON: " + ex);
			return;
		}
		long limit = this.runtime.settings().maxPayload().toBytes();
		int size = this.runtime.codec().sizeOf(output);
		if (size > limit) {
			deadLetter(attempt, "The output of " + this.definition.describe() + " is " + size + " bytes as JSON, above "
					+ TaskEngineSettings.property("max-payload") + " (" + limit + " bytes); store it elsewhere and "
					+ "return a reference");
			return;
		}
		DoneRecord done = new DoneRecord(run.uid(), "SUCCEEDED", run.attempts(), System.currentTimeMillis(), output,
				AttemptHistory.append(run.history(), attempt.summary(TaskAttempt.Outcome.SUCCEEDED, null)));
		TaskOutcome outcome = new TaskOutcome(run.id(), TaskOutcome.Kind.SUCCEEDED, run.attempts(), run.key(),
				run.attributes(), run.payload(), output, null);
		try {
			List<CuratorOp> ops = endAttempt(attempt);
			ops.add(TaskOps.finish(this.runtime.curator(), this.runtime.paths(), run));
			ops.add(TaskOps.createDone(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), name(), done));
			this.ender.commit(ops, outcome);
		}
		catch (Exception ex) {
			refused(attempt, ex);
			return;
		}
		long nanos = attempt.elapsedNanos();
		finished(attempt, TaskMetrics.Outcome.SUCCEEDED, nanos);
		this.runtime.events().publishEvent(new TaskCompletedEvent(run.id(), run.attempts(), output, Duration.ofNanos(nanos)));
	}

	/** Retry the task after its backoff, or dead-letter it once its attempts are used up. */
	void fail(RunningAttempt attempt, String error, TaskMetrics.Outcome outcome) {
		TaskRecord run = attempt.record();
		TaskAttempt.Outcome ended = (outcome == TaskMetrics.Outcome.TIMED_OUT) ? TaskAttempt.Outcome.TIMED_OUT
				: TaskAttempt.Outcome.FAILED;
		if (run.attempts() >= run.maxAttempts()) {
			deadLetter(attempt, error, ended);
			return;
		}
		long delay = Backoff.delayMillis(run.attempts(), run.backoffMillis(), run.maxBackoffMillis());
		TaskRecord retry = run.retryAt(System.currentTimeMillis() + delay, error)
			.withAttempt(attempt.summary(ended, error));
		try {
			List<CuratorOp> ops = endAttempt(attempt);
			ops.addAll(TaskOps.requeue(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), retry));
			this.batcher.commit(ops);
			finished(attempt, outcome, attempt.elapsedNanos());
			logger.info("Task " + run.id() + " attempt " + run.attempts() + " failed, retry in " + delay + "ms: " + error);
		}
		catch (Exception ex) {
			refused(attempt, ex);
		}
	}

	void deadLetter(RunningAttempt attempt, String error) {
		deadLetter(attempt, error, TaskAttempt.Outcome.FAILED);
	}

	private void deadLetter(RunningAttempt attempt, String error, TaskAttempt.Outcome outcome) {
		TaskRecord dead = attempt.record()
			.deadAt(System.currentTimeMillis(), error)
			.withAttempt(attempt.summary(outcome, error));
		try {
			List<CuratorOp> ops = endAttempt(attempt);
			ops.add(TaskOps.finish(this.runtime.curator(), this.runtime.paths(), dead));
			ops.add(TaskOps.createDead(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), dead));
			this.ender.commit(ops, TaskEnder.deadOutcome(dead));
		}
		catch (Exception ex) {
			refused(attempt, ex);
			return;
		}
		finished(attempt, TaskMetrics.Outcome.DEAD, attempt.elapsedNanos());
		this.ender.deadLettered(dead);
	}

	/** Shutdown: put the task back in its queue as it was, without counting the attempt. */
	void handBack(RunningAttempt attempt) {
		handBack(attempt, null);
	}

	/**
	 * Put the task back in its queue as it was, without counting the attempt: at shutdown
	 * ({@code reason} {@code null}) or because an admission left it to another instance.
	 */
	void handBack(RunningAttempt attempt, @Nullable String reason) {
		String when = (reason != null) ? "Task " + attempt.taskId() + " not run here (" + reason + ")" : "Shutdown";
		try {
			List<CuratorOp> ops = endAttempt(attempt);
			ops.addAll(TaskOps.handBack(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(),
					attempt.record().handedBack(attempt.summary(TaskAttempt.Outcome.HANDED_BACK, null))));
			this.transactions.commit(ops);
			finished(attempt, TaskMetrics.Outcome.HANDED_BACK, attempt.elapsedNanos());
			if (reason != null) {
				logger.debug(when + ": handed back to the queue");
			}
			else {
				logger.info("Shutdown: handed task " + attempt.taskId() + " back to the queue");
			}
		}
		catch (Exception ex) {
			logger.warn(when + ": could not hand task " + attempt.taskId()
					+ " back; it is retried once this instance's session ends: " + ex);
		}
	}

	private void finished(RunningAttempt attempt, TaskMetrics.Outcome outcome, long nanos) {
		this.runtime.metrics().attemptFinished(name(), outcome, nanos);
		attempt.observed(outcome);
	}

	private String name() {
		return this.definition.name();
	}

	private List<CuratorOp> endAttempt(RunningAttempt attempt) throws Exception {
		return TaskOps.endAttempt(this.runtime.curator(), this.runtime.paths(), attempt.runPath());
	}

	private void refused(RunningAttempt attempt, Exception ex) {
		Transactions.Failure failure = Transactions.failure(ex);
		if (failure != null && failure.index() <= TaskOps.RUN_INDEX) {
			finished(attempt, TaskMetrics.Outcome.LEASE_LOST, attempt.elapsedNanos());
			logger.warn("Task " + attempt.taskId() + " attempt " + attempt.attempt()
					+ ": result discarded because this worker no longer holds the lease (session expired or the task "
					+ "was requeued); the task is committed by its other attempt");
		}
		else {
			logger.warn("Task " + attempt.taskId() + " attempt " + attempt.attempt()
					+ " could not be ended; it is retried once the coordinator finds its lease gone or stuck: " + ex);
		}
	}

}
