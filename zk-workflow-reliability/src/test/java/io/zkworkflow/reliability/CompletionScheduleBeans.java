package io.zkworkflow.reliability;

import java.util.Map;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.ScheduledFire;
import io.zkworkflow.workflow.WorkflowCompletion;
import io.zkworkflow.workflow.WorkflowDefinition;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;

/**
 * What the completion and schedule scenario adds to every worker: a two-step workflow with a
 * durable completion listener ({@code onComplete}), whose runs are recorded as
 * {@code NOTIFIED}, and the task a runtime schedule fires, whose runs are recorded as
 * {@code SCHEDULE_FIRE} with the tick (or the trigger's key) and the task id. Registered by
 * {@link WorkerMain} beside {@link ScenarioBeans}; the other scenarios never start them.
 */
public class CompletionScheduleBeans {

	/** The workflow whose completion listener the scenario checks. */
	static final String FLOW = "reliability-notified";

	/** The listener task of {@link #FLOW}. */
	static final String LISTENER = "reliability-completion";

	/** The task the runtime schedule fires. */
	static final String TICK_TASK = "reliability-tick";

	@Bean
	WorkflowDefinition reliabilityNotifiedFlow() {
		return WorkflowDefinition.named(FLOW)
			.step("reliability-notified-a")
			.then("reliability-notified-b")
			.onComplete(LISTENER)
			.build();
	}

	@Bean
	Handlers reliabilityCompletionHandlers(HistoryRecorder history) {
		return new Handlers(history);
	}

	/** The steps, the listener and the scheduled task. */
	public static class Handlers {

		private final HistoryRecorder history;

		Handlers(HistoryRecorder history) {
			this.history = history;
		}

		@WorkflowTask(name = "reliability-notified-a", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> stepA(JsonNode payload, TaskContext context) {
			return ran(context);
		}

		@WorkflowTask(name = "reliability-notified-b", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> stepB(JsonNode payload, TaskContext context) {
			return ran(context);
		}

		@WorkflowTask(name = LISTENER, maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public void completed(WorkflowCompletion completion, TaskContext context) {
			this.history.record(Type.NOTIFIED, ScenarioBeans.WORKFLOW_PREFIX + completion.id().value(),
					context.fencingToken(), completion.state().name());
		}

		@WorkflowTask(name = TICK_TASK, maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public void tick(ScheduledFire fire, TaskContext context) {
			String key = String.valueOf(context.idempotencyKey());
			// a trigger's key is '<schedule node>@manual-<uuid>'; a tick's is '<schedule node>@<tick>'
			String what = key.contains("@manual-") ? "trigger " + key.substring(key.indexOf('@') + 1)
					: "tick " + fire.fireTime();
			this.history.record(Type.SCHEDULE_FIRE, fire.schedule(), context.fencingToken(),
					what + " task " + context.taskId());
		}

		private Map<String, Object> ran(TaskContext context) {
			this.history.record(Type.CLAIM, context.taskId().toString(), context.fencingToken(),
					"attempt " + context.attempt());
			return Map.of("task", context.taskId().toString(), "attempt", context.attempt());
		}

	}

}
