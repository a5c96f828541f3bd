package io.zkworkflow.task.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs claimed attempts of one task name on the claiming thread: binds the payload, calls the
 * handler under its timeout and hands the result to the {@link AttemptCompleter}. Knows which
 * attempts are running, for the free capacity and for a shutdown.
 */
final class AttemptRunner {

	private final TaskDefinition definition;

	private final TaskRuntime runtime;

	private final AttemptCompleter completer;

	private final Set<RunningAttempt> running = ConcurrentHashMap.newKeySet();

	AttemptRunner(TaskDefinition definition, TaskRuntime runtime, AttemptCompleter completer) {
		this.definition = definition;
		this.runtime = runtime;
		this.completer = completer;
	}

	/** The attempts running now. */
	Set<RunningAttempt> running() {
		return this.running;
	}

	void run(RunningAttempt attempt) {
		this.running.add(attempt);
		TaskRecord record = attempt.record();
		attempt.observation(this.runtime.tracing().startAttempt(record.id(), record.attempts(), record.traceHeaders()));
		try {
			Object payload;
			try {
				payload = (this.definition.payloadIndex() >= 0)
						? this.runtime.codec().bind(attempt.record().payload(), this.definition.payloadType()) : null;
			}
			catch (RuntimeException ex) {
				if (attempt.end()) {
					this.completer.deadLetter(attempt, "The payload cannot be bound to "
							+ this.definition.payloadType().getTypeName() + " of " + this.definition.describe() + ": "
							+ ex.getMessage() + ". Fix the producer or the parameter type, then retry the dead letter.");
				}
				return;
			}
			attempt.timeout(this.runtime.scheduler()
				.schedule(() -> timeOut(attempt), Math.max(1, attempt.record().deadline() - System.currentTimeMillis()),
						TimeUnit.MILLISECONDS));
			Object result = null;
			Throwable failure = null;
			attempt.handlerStarted(Thread.currentThread());
			try (TaskTracing.Scope scope = attempt.observation().openScope();
					TaskTracing.Scope mdc = TaskMdc.put(record)) {
				result = this.definition.invoke(payload, attempt);
			}
			catch (Throwable ex) {
				failure = ex;
			}
			finally {
				attempt.handlerFinished();
				Thread.interrupted();
			}
			if (!attempt.end()) {
				return;
			}
			if (failure != null) {
				attempt.failedWith(failure);
				this.completer.fail(attempt, failure.toString(), TaskMetrics.Outcome.FAILED);
			}
			else {
				this.completer.succeed(attempt, result);
			}
		}
		finally {
			// ended elsewhere (timeout, lease lost) records its own outcome first
			attempt.observation().stop("unknown", null);
			this.running.remove(attempt);
		}
	}

	private void timeOut(RunningAttempt attempt) {
		if (attempt.end()) {
			attempt.interruptHandler();
			this.completer.fail(attempt, "Timed out after " + this.definition.timeout() + " (@WorkflowTask timeout of "
					+ this.definition.describe() + "); the handler was interrupted", TaskMetrics.Outcome.TIMED_OUT);
		}
	}

}
