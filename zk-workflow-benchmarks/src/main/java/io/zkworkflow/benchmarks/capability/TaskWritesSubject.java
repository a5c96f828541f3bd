package io.zkworkflow.benchmarks.capability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.TransactionCountSubject;
import io.zkworkflow.benchmarks.baseline.QueueLedger;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskSubmission;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * ZooKeeper transactions per no-op task, by submit option: each batch submits
 * {@value #BATCH} tasks (up to {@value #IN_FLIGHT} {@code submitAsync}s in flight, or
 * {@code submitAll} lists of {@value #SUBMIT_ALL} from four threads) to the fleet of
 * {@code tasks-saturated} (three workers with 32 handler threads, a producer) and waits for
 * every committed completion. The count covers submit, claim, completion and whatever the
 * option adds (the idempotency marker, the delay bucket and its move, the slot of a
 * concurrency limit, the permit of a rate limit). Latency is submit to committed completion.
 */
public final class TaskWritesSubject extends TransactionCountSubject {

	private static final int BATCH = 512;

	private static final int IN_FLIGHT = 256;

	private static final int SUBMIT_ALL = 64;

	private static final int WORKER_THREADS = 32;

	private final String name;

	private final String option;

	private final List<String> properties;

	private final Submitter submitter;

	private final QueueLedger ledger = new QueueLedger();

	private @Nullable TaskFleet fleet;

	private long nextId;

	private TaskWritesSubject(String name, String option, List<String> properties, Submitter submitter) {
		this.name = name;
		this.option = option;
		this.properties = properties;
		this.submitter = submitter;
	}

	/**
	 * Every option, in the order of the report.
	 * @return the subjects
	 */
	public static List<TaskWritesSubject> all() {
		String limits = "zk-workflow.tasks.limits." + TaskApps.NOOP;
		return List.of(
				async("plain", "no option", List.of(), (id) -> SubmitOptions.none()),
				async("idempotency-key", "SubmitOptions.idempotencyKey (one key per task)", List.of(),
						(id) -> SubmitOptions.idempotencyKey("key-" + id)),
				async("delayed", "SubmitOptions.delayed(1ms): through a delay bucket", List.of(),
						(id) -> SubmitOptions.delayed(Duration.ofMillis(1))),
				async("concurrency-limit", "limits.concurrency = 2 x the fleet's handler threads",
						List.of(limits + ".concurrency=" + 2 * TaskFleet.WORKERS * WORKER_THREADS),
						(id) -> SubmitOptions.none()),
				async("rate-limit", "limits.rate = 1000000/1s", List.of(limits + ".rate=1000000/1s"),
						(id) -> SubmitOptions.none()),
				async("priority", "SubmitOptions.prioritized(9)", List.of(), (id) -> SubmitOptions.prioritized(9)),
				new TaskWritesSubject("zkworkflow.writes-task-submit-all-64", "submitAll of 64 tasks per call",
						List.of(), TaskWritesSubject::submitAllBatches));
	}

	private static TaskWritesSubject async(String suffix, String option, List<String> properties, Options options) {
		return new TaskWritesSubject("zkworkflow.writes-task-" + suffix, option, properties,
				(subject, client, firstId) -> subject.submitAsync(client, firstId, options));
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String measurement() {
		return "no-op task, submit to committed completion: ZooKeeper transactions per task";
	}

	@Override
	protected void start(BenchmarkContext context) throws Exception {
		List<String> all = new ArrayList<>(this.properties);
		all.add("zk-workflow.tasks.max-pending=100000");
		TaskFleet started = new TaskFleet(context, this.ledger, WORKER_THREADS, all.toArray(String[]::new));
		this.ledger.measureWindow(Long.MIN_VALUE, Long.MAX_VALUE);
		correctness().counter("missing");
		correctness().counter("duplicates");
		this.fleet = started;
	}

	@Override
	protected long batch(Histogram latencies) throws Exception {
		TaskFleet tasks = this.fleet;
		if (tasks == null) {
			throw new IllegalStateException("setup() did not run: no task fleet");
		}
		Histogram before = this.ledger.latencies().copy();
		long firstId = this.nextId;
		this.nextId += BATCH;
		for (long id = firstId; id < firstId + BATCH; id++) {
			this.ledger.produced(id);
		}
		this.submitter.submit(this, tasks.client(), firstId);
		if (!this.ledger.awaitDrained(Duration.ofSeconds(120))) {
			correctness().counter("missing").add(this.ledger.missing());
			throw new IllegalStateException(this.ledger.missing() + " tasks not completed within 120 s");
		}
		Histogram batch = this.ledger.latencies().copy();
		batch.subtract(before);
		latencies.add(batch);
		correctness().counter("duplicates").reset();
		correctness().counter("duplicates").add(this.ledger.duplicates());
		return BATCH;
	}

	private void submitAsync(TaskClient client, long firstId, Options options) throws Exception {
		Semaphore slots = new Semaphore(IN_FLIGHT);
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		for (long id = firstId; id < firstId + BATCH && failure.get() == null; id++) {
			slots.acquire();
			client.submitAsync(TaskApps.NOOP, new TaskItem(id, System.nanoTime()), options.of(id))
				.whenComplete((taskId, ex) -> {
					if (ex != null) {
						failure.compareAndSet(null, ex);
					}
					slots.release();
				});
		}
		slots.acquire(IN_FLIGHT);
		Throwable failed = failure.get();
		if (failed != null) {
			throw new IllegalStateException("A task submit failed: " + failed, failed);
		}
	}

	private static void submitAllBatches(TaskWritesSubject subject, TaskClient client, long firstId) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> calls = new ArrayList<>();
			for (long from = firstId; from < firstId + BATCH; from += SUBMIT_ALL) {
				long start = from;
				calls.add(pool.submit(() -> {
					List<TaskSubmission> list = new ArrayList<>(SUBMIT_ALL);
					for (long id = start; id < start + SUBMIT_ALL; id++) {
						list.add(TaskSubmission.of(TaskApps.NOOP, new TaskItem(id, System.nanoTime())));
					}
					return client.submitAll(list);
				}));
			}
			for (Future<?> call : calls) {
				call.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Override
	protected String describe() {
		return this.option + "; " + TaskFleet.WORKERS + " workers x " + WORKER_THREADS + " threads, batches of "
				+ BATCH + " tasks";
	}

	@Override
	public void tearDown() throws Exception {
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

	@FunctionalInterface
	private interface Options {

		SubmitOptions of(long id);

	}

	@FunctionalInterface
	private interface Submitter {

		void submit(TaskWritesSubject subject, TaskClient client, long firstId) throws Exception;

	}

}
