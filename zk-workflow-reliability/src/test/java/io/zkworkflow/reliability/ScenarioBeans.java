package io.zkworkflow.reliability;

import java.util.Map;

import io.zkworkflow.config.ZkConfigChangeEvent;
import io.zkworkflow.config.ZkConfigListener;
import io.zkworkflow.config.ZkConfigRejectedEvent;
import io.zkworkflow.lock.LockLostEvent;
import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.TaskDeadLetteredEvent;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.WorkflowCompletedEvent;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowFailedEvent;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * What every worker JVM adds to the sample application for the capability scenarios: a task
 * handler, a small workflow, a locked job writing to a guarded resource, and listeners that turn
 * the product's own events into history. Registered as a source by {@link WorkerMain}; not
 * annotated, so the sample's component scan does not pick it up in other tests.
 *
 * <p>What is recorded, and from where: a {@code CLAIM} per handler invocation (a handler may run
 * twice by design); a {@code COMMIT} per {@link TaskCompletedEvent} (published by the instance
 * whose completion transaction committed) and per {@link WorkflowCompletedEvent}; a
 * {@code DEAD_LETTER} per dead-lettered task; {@code CONFIG_APPLY} from a
 * {@link ZkConfigListener} (called in order, after a change was applied) and
 * {@code CONFIG_REJECT} from {@link ZkConfigRejectedEvent}; {@code LOCK_LOST} from {@link LockLostEvent}.
 */
public class ScenarioBeans {

	/** The task the task scenario submits. */
	static final String ITEM_TASK = "reliability-item";

	/** The workflow the task scenario starts. */
	static final String FLOW = "reliability-flow";

	/** Subject prefix of workflows in the history. */
	static final String WORKFLOW_PREFIX = "workflow:";

	@Bean
	Handlers reliabilityHandlers(WorkflowScenarioBeans.StepLedger ledger) {
		return new Handlers(ledger);
	}

	@Bean
	WorkflowDefinition reliabilityFlow() {
		return WorkflowDefinition.named(FLOW)
			.step("reliability-step-a")
			.thenParallel("reliability-step-b", "reliability-step-c")
			.then("reliability-step-d")
			.build();
	}

	@Bean
	Recorders reliabilityRecorders(HistoryRecorder history) {
		return new Recorders(history);
	}

	@Bean
	GuardedJob reliabilityGuardedJob(HistoryRecorder history, org.springframework.core.env.Environment environment) {
		return new GuardedJob(history, environment);
	}

	/** The task handlers: the item task and the workflow's steps. */
	public static class Handlers {

		private final WorkflowScenarioBeans.StepLedger ledger;

		Handlers(WorkflowScenarioBeans.StepLedger ledger) {
			this.ledger = ledger;
		}

		@WorkflowTask(name = ITEM_TASK, concurrency = 8, maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> item(JsonNode payload, TaskContext context) {
			return ran(payload, context);
		}

		@WorkflowTask(name = "reliability-step-a", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> stepA(JsonNode payload, TaskContext context) {
			return ran(payload, context);
		}

		@WorkflowTask(name = "reliability-step-b", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> stepB(JsonNode payload, TaskContext context) {
			return ran(payload, context);
		}

		@WorkflowTask(name = "reliability-step-c", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> stepC(JsonNode payload, TaskContext context) {
			return ran(payload, context);
		}

		@WorkflowTask(name = "reliability-step-d", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> stepD(JsonNode payload, TaskContext context) {
			return ran(payload, context);
		}

		private Map<String, Object> ran(JsonNode payload, TaskContext context) {
			this.ledger.ran(context, "");
			return Map.of("task", context.taskId().toString(), "attempt", context.attempt());
		}

	}

	/** Turns the product's events into history. */
	public static class Recorders {

		private final HistoryRecorder history;

		Recorders(HistoryRecorder history) {
			this.history = history;
		}

		@EventListener
		public void taskCompleted(TaskCompletedEvent event) {
			this.history.record(Type.COMMIT, event.id().toString(), null, "attempt " + event.attempt());
		}

		@EventListener
		public void taskDeadLettered(TaskDeadLetteredEvent event) {
			this.history.record(Type.DEAD_LETTER, event.id().toString(), null, event.error());
		}

		@EventListener
		public void workflowCompleted(WorkflowCompletedEvent event) {
			this.history.record(Type.COMMIT, WORKFLOW_PREFIX + event.id().value(), null, "completed");
		}

		@EventListener
		public void workflowFailed(WorkflowFailedEvent event) {
			this.history.record(Type.DEAD_LETTER, WORKFLOW_PREFIX + event.id().value(), null, "workflow failed");
		}

		@ZkConfigListener(prefixes = "orders.")
		public void configApplied(ZkConfigChangeEvent event) {
			this.history.record(Type.CONFIG_APPLY, event.key(), null, event.newValue());
		}

		@EventListener
		public void configRejected(ZkConfigRejectedEvent event) {
			this.history.record(Type.CONFIG_REJECT, event.getKey(), null, event.getMaskedValue());
		}

		@EventListener
		public void lockLost(LockLostEvent event) {
			this.history.record(Type.LOCK_LOST, event.getLockName(), event.getFencingToken(),
					"event: " + event.getReason());
		}

	}

}
