package io.zkworkflow.task.internal;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.DefaultTaskAttemptObservationConvention;
import io.zkworkflow.task.DefaultTaskClaimObservationConvention;
import io.zkworkflow.task.DefaultTaskSubmitObservationConvention;
import io.zkworkflow.task.TaskAttemptContext;
import io.zkworkflow.task.TaskAttemptObservationConvention;
import io.zkworkflow.task.TaskClaimContext;
import io.zkworkflow.task.TaskClaimObservationConvention;
import io.zkworkflow.task.TaskSubmitContext;
import io.zkworkflow.task.TaskSubmitObservationConvention;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskTracing} on Micrometer Observation. The submit observation's context is a
 * sender context whose carrier becomes the task's trace headers; the attempt's is a receiver
 * context reading them back, so a tracing handler (when Micrometer Tracing is configured)
 * makes the attempt's span a child of the submitter's, on whichever instance runs it.
 */
public final class ObservedTaskTracing implements TaskTracing {

	private static final DefaultTaskSubmitObservationConvention DEFAULT_SUBMIT = new DefaultTaskSubmitObservationConvention();

	private static final DefaultTaskAttemptObservationConvention DEFAULT_ATTEMPT = new DefaultTaskAttemptObservationConvention();

	private static final DefaultTaskClaimObservationConvention DEFAULT_CLAIM = new DefaultTaskClaimObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable TaskSubmitObservationConvention submitConvention;

	private final @Nullable TaskAttemptObservationConvention attemptConvention;

	private final @Nullable TaskClaimObservationConvention claimConvention;

	public ObservedTaskTracing(@Nullable ObservationRegistry registry,
			@Nullable TaskSubmitObservationConvention submitConvention,
			@Nullable TaskAttemptObservationConvention attemptConvention,
			@Nullable TaskClaimObservationConvention claimConvention) {
		this.registry = (registry != null) ? registry : ObservationRegistry.NOOP;
		this.submitConvention = submitConvention;
		this.attemptConvention = attemptConvention;
		this.claimConvention = claimConvention;
	}

	@Override
	public Claim startClaim(String name) {
		if (this.registry.isNoop()) {
			return Claim.NONE;
		}
		TaskClaimContext context = new TaskClaimContext(name);
		Observation observation = Observation
			.createNotStarted(this.claimConvention, DEFAULT_CLAIM, () -> context, this.registry)
			.start();
		AtomicBoolean stopped = new AtomicBoolean();
		return new Claim() {

			@Override
			public void stop(@Nullable TaskId id, String outcome, @Nullable Throwable error) {
				if (stopped.compareAndSet(false, true)) {
					context.setTaskId(id);
					context.setOutcome(outcome);
					if (error != null) {
						observation.error(error);
					}
					observation.stop();
				}
			}

		};
	}

	@Override
	public Submit startSubmit(String name) {
		if (this.registry.isNoop()) {
			return Submit.NONE;
		}
		TaskSubmitContext context = new TaskSubmitContext(name);
		Observation observation = Observation
			.createNotStarted(this.submitConvention, DEFAULT_SUBMIT, () -> context, this.registry)
			.start();
		return new Submit() {

			@Override
			public Map<String, String> trace() {
				Map<String, String> carrier = context.getCarrier();
				return (carrier != null) ? carrier : Map.of();
			}

			@Override
			public Scope openScope() {
				return observation.openScope()::close;
			}

			@Override
			public void stop(@Nullable TaskId id, String outcome, @Nullable Throwable error) {
				context.setTaskId(id);
				context.setOutcome(outcome);
				if (error != null) {
					observation.error(error);
				}
				observation.stop();
			}

		};
	}

	@Override
	public Attempt startAttempt(TaskId id, int attempt, Map<String, String> trace) {
		if (this.registry.isNoop()) {
			return Attempt.NONE;
		}
		TaskAttemptContext context = new TaskAttemptContext(id, attempt, trace);
		Observation observation = Observation
			.createNotStarted(this.attemptConvention, DEFAULT_ATTEMPT, () -> context, this.registry)
			.start();
		AtomicBoolean stopped = new AtomicBoolean();
		return new Attempt() {

			@Override
			public Scope openScope() {
				return observation.openScope()::close;
			}

			@Override
			public void stop(String outcome, @Nullable Throwable error) {
				if (stopped.compareAndSet(false, true)) {
					context.setOutcome(outcome);
					if (error != null) {
						observation.error(error);
					}
					observation.stop();
				}
			}

		};
	}

}
