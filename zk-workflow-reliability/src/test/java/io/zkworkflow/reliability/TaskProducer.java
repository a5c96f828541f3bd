package io.zkworkflow.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.WorkflowClient;
import io.zkworkflow.workflow.WorkflowId;

/**
 * Workload of the task scenario's producer: submits {@code reliability.tasks} tasks of
 * {@value ScenarioBeans#ITEM_TASK} and starts {@code reliability.workflows} workflows of
 * {@value ScenarioBeans#FLOW}, spread among the tasks, from {@code reliability.producers}
 * threads; odd workflows are {@value WorkflowScenarioBeans#WAIT_FLOW}s, signalled through a
 * {@link SignalSender}, and one {@value WorkflowScenarioBeans#FANOUT_FLOW} over
 * {@code reliability.fan-out} elements starts half way (none when 0). Each submission carries an idempotency key ({@code item-N}, {@code flow-N}) and is
 * retried with the same key until ZooKeeper acknowledges it, so a submission that failed after
 * committing is not made twice. An acknowledged submission is a {@code SUBMIT} of the task id
 * (or {@code workflow:id}); a failed call is a {@code SUBMIT_FAILED} of the key.
 */
final class TaskProducer implements Workload {

	private static final int MAX_TRIES = 100;

	@Override
	public void run(WorkerContext worker) throws Exception {
		int tasks = worker.property("reliability.tasks", Integer.class, 1000);
		int workflows = worker.property("reliability.workflows", Integer.class, 0);
		int threads = worker.property("reliability.producers", Integer.class, 4);
		int fanOut = worker.property("reliability.fan-out", Integer.class, 0);
		TaskClient taskClient = worker.context().getBean(TaskClient.class);
		WorkflowClient workflowClient = worker.context().getBean(WorkflowClient.class);
		int every = (workflows > 0) ? Math.max(1, tasks / workflows) : Integer.MAX_VALUE;
		AtomicInteger next = new AtomicInteger();
		AtomicInteger flows = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		SignalSender signals = new SignalSender(worker, workflowClient);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				running.add(pool.submit(() -> {
					for (int n = next.getAndIncrement(); n < tasks; n = next.getAndIncrement()) {
						String key = "item-" + n;
						Map<String, Object> payload = Map.of("n", n);
						submit(worker, key, () -> taskClient
							.submit(ScenarioBeans.ITEM_TASK, payload, SubmitOptions.idempotencyKey(key))
							.toString());
						if (n % every == 0 && flows.get() < workflows) {
							startFlow(worker, workflowClient, signals, flows.getAndIncrement());
						}
						if (n == tasks / 2 && fanOut > 0) {
							String fanOutKey = "fanout-0";
							submit(worker, fanOutKey, () -> ScenarioBeans.WORKFLOW_PREFIX + workflowClient
								.start(WorkflowScenarioBeans.FANOUT_FLOW, Map.of("elements", fanOut),
										StartOptions.idempotencyKey(fanOutKey))
								.value());
						}
					}
					return null;
				}));
			}
			for (Future<?> future : running) {
				future.get();
			}
			signals.finish(Duration.ofMinutes(5));
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Start workflow {@code flow-N}: odd ones are {@value WorkflowScenarioBeans#WAIT_FLOW}s, whose
	 * signal goes out at once for every other one and once the wait runs for the rest.
	 */
	private static void startFlow(WorkerContext worker, WorkflowClient client, SignalSender signals, int index)
			throws InterruptedException {
		String key = "flow-" + index;
		String definition = (index % 2 == 1) ? WorkflowScenarioBeans.WAIT_FLOW : ScenarioBeans.FLOW;
		AtomicReference<WorkflowId> started = new AtomicReference<>();
		submit(worker, key, () -> {
			started.set(client.start(definition, Map.of("flow", key), StartOptions.idempotencyKey(key)));
			return ScenarioBeans.WORKFLOW_PREFIX + started.get().value();
		});
		if (definition.equals(WorkflowScenarioBeans.WAIT_FLOW)) {
			if (index % 4 == 1) {
				signals.sendNow(started.get(), key);
			}
			else {
				signals.sendWhenWaiting(started.get(), key);
			}
		}
	}

	private static void submit(WorkerContext worker, String key, Submission submission) throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			try {
				worker.history().record(Type.SUBMIT, submission.submit(), null, key);
				return;
			}
			catch (RuntimeException ex) {
				worker.history().record(Type.SUBMIT_FAILED, key, null, ex.toString());
				if (attempt >= MAX_TRIES) {
					throw ex;
				}
				worker.curator().blockUntilConnected();
			}
		}
	}

	@FunctionalInterface
	private interface Submission {

		String submit();

	}

}
