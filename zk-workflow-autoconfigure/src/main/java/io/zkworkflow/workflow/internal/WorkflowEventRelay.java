package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.task.TaskDeadLetteredEvent;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowCompletedEvent;
import io.zkworkflow.workflow.WorkflowFailedEvent;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Publishes workflow events and metrics once a transition is committed. Transitions that
 * ride on a task's ending are only known to be committed when the task engine publishes its
 * {@link TaskCompletedEvent} or {@link TaskDeadLetteredEvent}; until then they wait here.
 */
public final class WorkflowEventRelay implements ApplicationListener<PayloadApplicationEvent<?>> {

	private static final long FORGET_AFTER_MILLIS = 10 * 60_000;

	private final Map<TaskId, Pending> pending = new ConcurrentHashMap<>();

	private final ApplicationEventPublisher events;

	private final WorkflowMetrics metrics;

	private volatile Consumer<String> onFailing = (id) -> {
	};

	public WorkflowEventRelay(ApplicationEventPublisher events, WorkflowMetrics metrics) {
		this.events = events;
		this.metrics = metrics;
	}

	void onFailing(Consumer<String> action) {
		this.onFailing = action;
	}

	/** Remember what to publish once the ending of {@code task} is committed. */
	void expect(TaskId task, WorkflowRecord after, String step, WorkflowState before) {
		long now = System.currentTimeMillis();
		if (this.pending.size() > 10_000) {
			this.pending.values().removeIf((entry) -> now - entry.createdAt() > FORGET_AFTER_MILLIS);
		}
		this.pending.put(task, new Pending(after, step, before, now));
	}

	@Override
	public void onApplicationEvent(PayloadApplicationEvent<?> event) {
		Object payload = event.getPayload();
		TaskId task = (payload instanceof TaskCompletedEvent completed) ? completed.id()
				: (payload instanceof TaskDeadLetteredEvent dead) ? dead.id() : null;
		if (task != null) {
			published(task);
		}
	}

	/** Publish what was expected of {@code task}, whose ending was committed. */
	void published(TaskId task) {
		Pending entry = this.pending.remove(task);
		if (entry != null) {
			committed(entry.after(), entry.step(), entry.before());
		}
	}

	/** Publish what a committed transition from {@code before} to {@code after} means. */
	void committed(WorkflowRecord after, @Nullable String step, WorkflowState before) {
		if (step != null) {
			StepRecord stepRecord = after.steps.get(step);
			if (stepRecord != null && stepRecord.startedAt > 0) {
				this.metrics.stepFinished(after.definition, step, stepRecord.state,
						Duration.ofMillis(Math.max(0, stepRecord.finishedAt - stepRecord.startedAt)));
				this.metrics.stepEnded(after.id, after.definition, step, stepRecord.state);
			}
		}
		if (!before.isFinished() && after.state.isFinished()) {
			Duration duration = Duration.ofMillis(Math.max(0, after.finishedAt - after.startedAt));
			this.metrics.finished(after.definition, after.state, duration);
			this.metrics.ended(after.id, after.definition, after.state, duration);
			if (after.state == WorkflowState.COMPLETED) {
				Map<String, JsonNode> outputs = new LinkedHashMap<>();
				after.steps.forEach((name, stepRecord) -> {
					if (stepRecord.state == StepState.SUCCEEDED) {
						outputs.put(name, (stepRecord.output != null) ? stepRecord.output : NullNode.getInstance());
					}
				});
				this.events.publishEvent(
						new WorkflowCompletedEvent(new WorkflowId(after.id), after.definition, outputs, duration));
			}
			else {
				this.events.publishEvent(new WorkflowFailedEvent(new WorkflowId(after.id), after.definition,
						after.state, after.failedStep, after.error, duration));
			}
		}
		if (before != WorkflowState.FAILING && after.state == WorkflowState.FAILING) {
			this.onFailing.accept(after.id);
		}
	}

	private record Pending(WorkflowRecord after, String step, WorkflowState before, long createdAt) {
	}

}
