package io.zkworkflow.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.task.TaskContext;
import io.zkworkflow.task.WorkflowTask;
import io.zkworkflow.workflow.WorkflowDefinition;
import tools.jackson.databind.JsonNode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * The task scenario's timer, signal and fan-out workflows, added to every worker beside
 * {@link ScenarioBeans}. {@value #WAIT_FLOW} sleeps, waits until an instant its first step chose,
 * then waits for the signal {@value #SIGNAL} that the producer sends (some before the wait is
 * reached, some while it waits); the step after the wait records the payload it received as
 * {@code SIGNAL_CONSUMED}. A wait that times out takes the {@code onTimeout} branch, so the
 * workflow still completes and the checker reports the lost signal. {@value #FANOUT_FLOW} fans
 * out over the list its first step returns.
 *
 * <p>What is recorded: a {@code STEP_COMMIT} per committed step task of the harness's handlers
 * (the handler notes its task's workflow and step in a {@link StepLedger}, the
 * {@link TaskCompletedEvent} of that task on the same instance turns it into the commit), and a
 * {@code TIMER_FIRE} per committed timer task ({@value WorkflowDefinition#SLEEP_TASK}).
 */
public class WorkflowScenarioBeans {

	/** The workflow with two timers and a signal wait. */
	static final String WAIT_FLOW = "reliability-wait-flow";

	/** The workflow with a dynamic fan-out. */
	static final String FANOUT_FLOW = "reliability-fanout-flow";

	/** The signal {@value #WAIT_FLOW} waits for. */
	static final String SIGNAL = "reliability-go";

	/** The timer steps of {@value #WAIT_FLOW}. */
	static final List<String> TIMER_STEPS = List.of("reliability-nap", "reliability-alarm");

	/** How long after its first step the second timer of {@value #WAIT_FLOW} fires. */
	private static final Duration ALARM = Duration.ofMillis(400);

	@Bean
	StepLedger reliabilityStepLedger(HistoryRecorder history) {
		return new StepLedger(history);
	}

	@Bean
	WorkflowDefinition reliabilityWaitFlow() {
		return WorkflowDefinition.named(WAIT_FLOW)
			.step("reliability-step-t")
			.sleep(Duration.ofMillis(300))
			.as(TIMER_STEPS.get(0))
			.until((payload) -> Instant.ofEpochMilli(payload.path("fireAt").asLong()))
			.as(TIMER_STEPS.get(1))
			// long enough never to fire under the faults: firing means a signal was lost
			.waitFor(SIGNAL, Duration.ofSeconds(90))
			.onTimeout("reliability-timed-out")
			.then("reliability-step-s")
			.build();
	}

	@Bean
	WorkflowDefinition reliabilityFanOutFlow() {
		return WorkflowDefinition.named(FANOUT_FLOW)
			.step("reliability-fanout-list")
			.forEach("reliability-fanout-element", 16)
			.then("reliability-fanout-join")
			.build();
	}

	@Bean
	WaitHandlers reliabilityWaitHandlers(HistoryRecorder history, StepLedger ledger) {
		return new WaitHandlers(history, ledger);
	}

	/**
	 * Which workflow step each task this instance ran belongs to, so that a completion event
	 * (which names only the task) can be recorded as the step's commit.
	 */
	public static final class StepLedger {

		private final Map<String, String> steps = new ConcurrentHashMap<>();

		private final HistoryRecorder history;

		StepLedger(HistoryRecorder history) {
			this.history = history;
		}

		/**
		 * Record a handler run as a {@code CLAIM} and remember the task's step.
		 * @param context the task
		 * @param detail what the run saw
		 */
		void ran(TaskContext context, String detail) {
			this.history.record(Type.CLAIM, context.taskId().toString(), context.fencingToken(),
					"attempt " + context.attempt() + detail);
			String workflow = context.attributes().get("zk-workflow.workflow");
			String step = context.attributes().get("zk-workflow.step");
			if (workflow != null && step != null) {
				String element = context.attributes().get("zk-workflow.element");
				this.steps.put(context.taskId().toString(), ScenarioBeans.WORKFLOW_PREFIX + workflow + "/" + step
						+ ((element != null) ? "#" + element : ""));
			}
		}

		@EventListener
		public void taskCompleted(TaskCompletedEvent event) {
			String task = event.id().toString();
			String step = this.steps.get(task);
			if (step != null) {
				this.history.record(Type.STEP_COMMIT, step, null, task);
			}
		}

	}

	/** The handlers of the timer, signal and fan-out workflows, and the commit recorders. */
	public static class WaitHandlers {

		private final HistoryRecorder history;

		private final StepLedger ledger;

		WaitHandlers(HistoryRecorder history, StepLedger ledger) {
			this.history = history;
			this.ledger = ledger;
		}

		@WorkflowTask(name = "reliability-step-t", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> timed(JsonNode payload, TaskContext context) {
			this.ledger.ran(context, "");
			return Map.of("flow", payload.path("flow").asString(), "fireAt",
					System.currentTimeMillis() + ALARM.toMillis());
		}

		@WorkflowTask(name = "reliability-step-s", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public Map<String, Object> signalled(JsonNode payload, TaskContext context) {
			this.ledger.ran(context, "");
			String workflow = context.attributes().get("zk-workflow.workflow");
			this.history.record(Type.SIGNAL_CONSUMED, ScenarioBeans.WORKFLOW_PREFIX + workflow + "/" + SIGNAL, null,
					payload.path("flow").asString());
			return Map.of("signal", payload.path("flow").asString());
		}

		@WorkflowTask(name = "reliability-timed-out", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public JsonNode timedOut(JsonNode payload, TaskContext context) {
			this.ledger.ran(context, " wait timed out");
			return payload;
		}

		@WorkflowTask(name = "reliability-fanout-list", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public List<Integer> list(JsonNode payload, TaskContext context) {
			this.ledger.ran(context, "");
			return IntStream.range(0, payload.path("elements").asInt()).boxed().toList();
		}

		@WorkflowTask(name = "reliability-fanout-element", concurrency = 8, maxAttempts = 50, backoff = "200ms",
				maxBackoff = "2s")
		public int element(JsonNode payload, TaskContext context) {
			this.ledger.ran(context, "");
			return payload.asInt();
		}

		@WorkflowTask(name = "reliability-fanout-join", maxAttempts = 50, backoff = "200ms", maxBackoff = "2s")
		public int join(JsonNode payload, TaskContext context) {
			boolean ordered = true;
			for (int i = 0; i < payload.size(); i++) {
				ordered &= payload.get(i).asInt() == i;
			}
			this.ledger.ran(context, " join elements=" + payload.size() + " ordered=" + ordered);
			return payload.size();
		}

		@EventListener
		public void timerFired(TaskCompletedEvent event) {
			if (event.id().name().equals(WorkflowDefinition.SLEEP_TASK)) {
				this.history.record(Type.TIMER_FIRE, event.id().toString(), null, event.output().path("flow").asString());
			}
		}

	}

}
