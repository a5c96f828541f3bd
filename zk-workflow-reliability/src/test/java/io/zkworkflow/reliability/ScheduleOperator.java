package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.workflow.DuplicateScheduleException;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.ScheduleInfo;
import io.zkworkflow.workflow.ScheduleSpec;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.WorkflowClient;

/**
 * Workload of the completion and schedule scenario's operator: creates a runtime schedule
 * that fires {@value CompletionScheduleBeans#TICK_TASK} every second and, for
 * {@code reliability.cycles} cycles, lets it tick for {@code reliability.running}, pauses it
 * for {@code reliability.phase}, triggers it while paused, waits half a phase more, resumes it
 * and triggers it again; all the
 * while it starts a {@value CompletionScheduleBeans#FLOW} workflow every
 * {@code reliability.interval}. At the end the schedule is paused for good, so that the run
 * can wait until every fired task ran.
 *
 * <p>What is recorded: a {@code SCHEDULE_PAUSE} once a pause returned, a
 * {@code SCHEDULE_RESUME} before a resume is called (pause and resume change nothing when
 * repeated, so they are retried until they return); a {@code SCHEDULE_TRIGGER} once a trigger
 * returned and a {@code SCHEDULE_TRIGGER_FAILED} when it failed (never retried: a retry is a
 * new trigger); a {@code SUBMIT} of {@code workflow:id} per acknowledged start (idempotency
 * key {@code notified-N}, retried until acknowledged).
 */
final class ScheduleOperator implements Workload {

	/** The runtime schedule's name. */
	static final String SCHEDULE = "reliability-ticks";

	private static final int MAX_TRIES = 100;

	private int started;

	@Override
	public void run(WorkerContext worker) throws Exception {
		int cycles = worker.property("reliability.cycles", Integer.class, 3);
		Duration running = worker.property("reliability.running", Duration.class, Duration.ofSeconds(4));
		Duration phase = worker.property("reliability.phase", Duration.class, Duration.ofSeconds(3));
		Duration interval = worker.property("reliability.interval", Duration.class, Duration.ofMillis(150));
		ScheduleClient schedules = worker.context().getBean(ScheduleClient.class);
		WorkflowClient workflows = worker.context().getBean(WorkflowClient.class);
		retried(worker, SCHEDULE, () -> {
			try {
				return schedules.create(ScheduleSpec.task(SCHEDULE, "* * * * * *", CompletionScheduleBeans.TICK_TASK, null));
			}
			catch (DuplicateScheduleException ex) {
				return schedules.get(SCHEDULE); // an earlier try committed before it failed
			}
		});
		for (int cycle = 0; cycle < cycles; cycle++) {
			startWorkflows(worker, workflows, running, interval);
			pause(worker, schedules);
			startWorkflows(worker, workflows, phase, interval);
			trigger(worker, schedules);
			startWorkflows(worker, workflows, phase.dividedBy(2), interval);
			worker.history().record(Type.SCHEDULE_RESUME, SCHEDULE, null, "cycle " + cycle);
			retried(worker, SCHEDULE, () -> schedules.resume(SCHEDULE));
			trigger(worker, schedules);
		}
		startWorkflows(worker, workflows, running, interval);
		pause(worker, schedules);
	}

	private void startWorkflows(WorkerContext worker, WorkflowClient workflows, Duration duration, Duration interval)
			throws InterruptedException {
		long end = System.nanoTime() + duration.toNanos();
		while (System.nanoTime() < end) {
			String key = "notified-" + (this.started++);
			String id = retried(worker, key, () -> workflows
				.start(CompletionScheduleBeans.FLOW, Map.of("key", key), StartOptions.idempotencyKey(key))
				.value());
			worker.history().record(Type.SUBMIT, ScenarioBeans.WORKFLOW_PREFIX + id, null, key);
			Thread.sleep(interval.toMillis()); // the workload's pace, not a wait for a condition
		}
	}

	private static void pause(WorkerContext worker, ScheduleClient schedules) throws InterruptedException {
		ScheduleInfo info = retried(worker, SCHEDULE, () -> schedules.pause(SCHEDULE));
		worker.history().record(Type.SCHEDULE_PAUSE, info.name(), null, "paused");
	}

	private static void trigger(WorkerContext worker, ScheduleClient schedules) throws InterruptedException {
		try {
			schedules.trigger(SCHEDULE);
			worker.history().record(Type.SCHEDULE_TRIGGER, SCHEDULE, null, "triggered");
		}
		catch (RuntimeException ex) {
			worker.history().record(Type.SCHEDULE_TRIGGER_FAILED, SCHEDULE, null, ex.toString());
			worker.curator().blockUntilConnected();
		}
	}

	private static <T> T retried(WorkerContext worker, String subject, Supplier<T> call) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				if (attempt >= MAX_TRIES) {
					throw ex;
				}
				worker.history().record(Type.SUBMIT_FAILED, subject, null, ex.toString());
				worker.curator().blockUntilConnected();
			}
		}
	}

}
