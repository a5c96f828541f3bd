package io.zkworkflow.task.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.zkworkflow.task.TaskAdmission;

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

	/** Told the uid of a task handed back by an admission, before it is back in its queue. */
	private final Consumer<String> handedBack;

	AttemptRunner(TaskDefinition definition, TaskRuntime runtime, AttemptCompleter completer,
			Consumer<String> handedBack) {
		this.definition = definition;
		this.runtime = runtime;
		this.completer = completer;
		this.handedBack = handedBack;
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
			if (!admitted(attempt)) {
				return;
			}
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

	/** Ask the admissions; a task handed back or refused is ended here, its handler not called. */
	private boolean admitted(RunningAttempt attempt) {
		TaskRecord record = attempt.record();
		TaskAdmission.Verdict verdict = TaskAdmission.Verdict.RUN;
		try {
			for (TaskAdmission admission : this.runtime.admissions()) {
				verdict = admission.admit(record.id(), record.attributes());
				if (verdict.kind() != TaskAdmission.Verdict.Kind.RUN) {
					break;
				}
			}
		}
		catch (Exception ex) {
			verdict = TaskAdmission.Verdict.handBack("its admission could not be decided: " + ex);
		}
		if (verdict.kind() == TaskAdmission.Verdict.Kind.RUN || !attempt.end()) {
			return verdict.kind() == TaskAdmission.Verdict.Kind.RUN;
		}
		String reason = String.valueOf(verdict.reason());
		if (verdict.kind() == TaskAdmission.Verdict.Kind.REFUSE) {
			this.completer.deadLetter(attempt, reason);
		}
		else {
			this.handedBack.accept(record.uid());
			this.completer.handBack(attempt, reason);
		}
		return false;
	}

	private void timeOut(RunningAttempt attempt) {
		if (attempt.end()) {
			attempt.interruptHandler();
			this.completer.fail(attempt, "Timed out after " + this.definition.timeout() + " (@WorkflowTask timeout of "
					+ this.definition.describe() + "); the handler was interrupted", TaskMetrics.Outcome.TIMED_OUT);
		}
	}

}
