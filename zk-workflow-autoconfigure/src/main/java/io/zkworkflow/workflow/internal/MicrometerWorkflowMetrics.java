package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * {@link WorkflowMetrics} on Micrometer: {@code zk.workflow.workflows.started} (tag
 * {@code workflow}), {@code zk.workflow.workflows.completed} (tags {@code workflow},
 * {@code outcome}) with the workflow's duration, and {@code zk.workflow.workflows.step.duration}
 * (tags {@code workflow}, {@code step}, {@code outcome}); with a {@link WorkflowObserver}, the
 * workflow observations too.
 */
public final class MicrometerWorkflowMetrics implements WorkflowMetrics {

	private final @Nullable MeterRegistry registry;

	private final @Nullable WorkflowObserver observer;

	public MicrometerWorkflowMetrics(MeterRegistry registry) {
		this(registry, null);
	}

	/**
	 * Create metrics with either part optional.
	 * @param registry where the meters go, {@code null} for none
	 * @param observer the observations, {@code null} for none
	 */
	public MicrometerWorkflowMetrics(@Nullable MeterRegistry registry, @Nullable WorkflowObserver observer) {
		this.registry = registry;
		this.observer = observer;
	}

	@Override
	public Start startWorkflow(String definition) {
		return (this.observer != null) ? this.observer.start(definition) : Start.NONE;
	}

	@Override
	public Fire startFire(String schedule, String kind, String target, List<Instant> ticks) {
		return (this.observer != null) ? this.observer.fire(schedule, kind, target, ticks) : Fire.NONE;
	}

	@Override
	public void stepEnded(String workflowId, String definition, String step, StepState outcome) {
		if (this.observer != null) {
			this.observer.stepEnded(workflowId, definition, step, outcome);
		}
	}

	@Override
	public void ended(String workflowId, String definition, WorkflowState outcome, Duration duration) {
		if (this.observer != null) {
			this.observer.ended(workflowId, definition, outcome, duration);
		}
	}

	@Override
	public void started(String definition) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		Counter.builder("zk.workflow.workflows.started")
			.description("Workflows started")
			.tag("workflow", definition)
			.register(registry)
			.increment();
	}

	@Override
	public void finished(String definition, WorkflowState outcome, Duration duration) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		Timer.builder("zk.workflow.workflows.completed")
			.description("Workflows ended, by outcome, with their duration")
			.tag("workflow", definition)
			.tag("outcome", outcome.name())
			.register(registry)
			.record(duration);
	}

	@Override
	public void stepFinished(String definition, String step, StepState outcome, Duration duration) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			return;
		}
		Timer.builder("zk.workflow.workflows.step.duration")
			.description("Time from a step's start (its task submitted) to its end")
			.tag("workflow", definition)
			.tag("step", step)
			.tag("outcome", outcome.name())
			.register(registry)
			.record(duration);
	}

}
