package io.zkworkflow.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.reliability.HistoryEvent.Type;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.WorkflowClient;

/**
 * Workload of the task scenario's producer: submits {@code reliability.tasks} tasks of
 * {@value ScenarioBeans#ITEM_TASK} and starts {@code reliability.workflows} workflows of
 * {@value ScenarioBeans#FLOW}, spread among the tasks, from {@code reliability.producers}
 * threads. Each submission carries an idempotency key ({@code item-N}, {@code flow-N}) and is
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
		TaskClient taskClient = worker.context().getBean(TaskClient.class);
		WorkflowClient workflowClient = worker.context().getBean(WorkflowClient.class);
		int every = (workflows > 0) ? Math.max(1, tasks / workflows) : Integer.MAX_VALUE;
		AtomicInteger next = new AtomicInteger();
		AtomicInteger flows = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads);
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
							String flowKey = "flow-" + flows.getAndIncrement();
							submit(worker, flowKey, () -> ScenarioBeans.WORKFLOW_PREFIX + workflowClient
								.start(ScenarioBeans.FLOW, Map.of("flow", flowKey), StartOptions.idempotencyKey(flowKey))
								.value());
						}
					}
					return null;
				}));
			}
			for (Future<?> future : running) {
				future.get();
			}
		}
		finally {
			pool.shutdownNow();
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
