package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.zkworkflow.workflow.DefaultScheduleFireObservationConvention;
import io.zkworkflow.workflow.DefaultWorkflowEndObservationConvention;
import io.zkworkflow.workflow.DefaultWorkflowStartObservationConvention;
import io.zkworkflow.workflow.DefaultWorkflowStepObservationConvention;
import io.zkworkflow.workflow.ScheduleFireContext;
import io.zkworkflow.workflow.ScheduleFireObservationConvention;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowEndContext;
import io.zkworkflow.workflow.WorkflowEndObservationConvention;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowStartContext;
import io.zkworkflow.workflow.WorkflowStartObservationConvention;
import io.zkworkflow.workflow.WorkflowState;
import io.zkworkflow.workflow.WorkflowStepContext;
import io.zkworkflow.workflow.WorkflowStepObservationConvention;
import org.jspecify.annotations.Nullable;

/**
 * The {@code zk.workflow.workflow.start}, {@code .step} and {@code .end} observations, and
 * {@code zk.workflow.schedule.fire} (timed around a round, current while it prepares). A start is
 * timed around {@code WorkflowClient.start} and current while the first steps' tasks are
 * submitted; a step's or a workflow's end is an instant observation on the instance that
 * committed it (what it spans runs on several instances, the timers measure it).
 */
public final class WorkflowObserver {

	private static final DefaultWorkflowStartObservationConvention DEFAULT_START = new DefaultWorkflowStartObservationConvention();

	private static final DefaultWorkflowStepObservationConvention DEFAULT_STEP = new DefaultWorkflowStepObservationConvention();

	private static final DefaultWorkflowEndObservationConvention DEFAULT_END = new DefaultWorkflowEndObservationConvention();

	private static final DefaultScheduleFireObservationConvention DEFAULT_FIRE = new DefaultScheduleFireObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WorkflowStartObservationConvention startConvention;

	private final @Nullable WorkflowStepObservationConvention stepConvention;

	private final @Nullable WorkflowEndObservationConvention endConvention;

	private final @Nullable ScheduleFireObservationConvention fireConvention;

	public WorkflowObserver(ObservationRegistry registry, @Nullable WorkflowStartObservationConvention startConvention,
			@Nullable WorkflowStepObservationConvention stepConvention,
			@Nullable WorkflowEndObservationConvention endConvention,
			@Nullable ScheduleFireObservationConvention fireConvention) {
		this.registry = registry;
		this.startConvention = startConvention;
		this.stepConvention = stepConvention;
		this.endConvention = endConvention;
		this.fireConvention = fireConvention;
	}

	WorkflowMetrics.Fire fire(String schedule, String kind, String target, List<Instant> ticks) {
		if (this.registry.isNoop()) {
			return WorkflowMetrics.Fire.NONE;
		}
		ScheduleFireContext context = new ScheduleFireContext(schedule, kind, target, ticks);
		Observation observation = Observation
			.createNotStarted(this.fireConvention, DEFAULT_FIRE, () -> context, this.registry)
			.start();
		Observation.Scope scope = observation.openScope();
		return (outcome, error) -> {
			scope.close();
			context.setOutcome(outcome);
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		};
	}

	WorkflowMetrics.Start start(String name) {
		if (this.registry.isNoop()) {
			return WorkflowMetrics.Start.NONE;
		}
		WorkflowStartContext context = new WorkflowStartContext(name);
		Observation observation = Observation
			.createNotStarted(this.startConvention, DEFAULT_START, () -> context, this.registry)
			.start();
		Observation.Scope scope = observation.openScope();
		boolean[] stopped = new boolean[1];
		return (id, outcome, error) -> {
			if (stopped[0]) {
				return;
			}
			stopped[0] = true;
			scope.close();
			context.setWorkflowId(id);
			context.setOutcome(outcome);
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		};
	}

	void stepEnded(String workflowId, String definition, String step, StepState outcome) {
		WorkflowStepContext context = new WorkflowStepContext(new WorkflowId(workflowId), definition, step, outcome);
		Observation.createNotStarted(this.stepConvention, DEFAULT_STEP, () -> context, this.registry).start().stop();
	}

	void ended(String workflowId, String definition, WorkflowState outcome, Duration duration) {
		WorkflowEndContext context = new WorkflowEndContext(new WorkflowId(workflowId), definition, outcome, duration);
		Observation.createNotStarted(this.endConvention, DEFAULT_END, () -> context, this.registry).start().stop();
	}

}
