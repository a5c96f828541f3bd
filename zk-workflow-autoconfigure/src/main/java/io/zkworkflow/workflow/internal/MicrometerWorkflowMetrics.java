package io.zkworkflow.workflow.internal;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowState;

/**
 * {@link WorkflowMetrics} on Micrometer: {@code zk.workflow.workflows.started} (tag
 * {@code workflow}), {@code zk.workflow.workflows.completed} (tags {@code workflow},
 * {@code outcome}) with the workflow's duration, and {@code zk.workflow.workflows.step.duration}
 * (tags {@code workflow}, {@code step}, {@code outcome}).
 */
public final class MicrometerWorkflowMetrics implements WorkflowMetrics {

	private final MeterRegistry registry;

	public MicrometerWorkflowMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void started(String definition) {
		Counter.builder("zk.workflow.workflows.started")
			.description("Workflows started")
			.tag("workflow", definition)
			.register(this.registry)
			.increment();
	}

	@Override
	public void finished(String definition, WorkflowState outcome, Duration duration) {
		Timer.builder("zk.workflow.workflows.completed")
			.description("Workflows ended, by outcome, with their duration")
			.tag("workflow", definition)
			.tag("outcome", outcome.name())
			.register(this.registry)
			.record(duration);
	}

	@Override
	public void stepFinished(String definition, String step, StepState outcome, Duration duration) {
		Timer.builder("zk.workflow.workflows.step.duration")
			.description("Time from a step's start (its task submitted) to its end")
			.tag("workflow", definition)
			.tag("step", step)
			.tag("outcome", outcome.name())
			.register(this.registry)
			.record(duration);
	}

}
