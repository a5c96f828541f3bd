package io.zkworkflow.benchmarks.capability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.JitWarmUp;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.ProcessCpu;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.benchmarks.baseline.QueueLedger;
import io.zkworkflow.task.TaskClient;
import org.jspecify.annotations.Nullable;

/**
 * Durable no-op tasks end to end, saturated, sized like {@code curator.queue-saturated}:
 * {@code --queue-producers} threads submit {@code --queue-items} tasks with
 * {@code TaskClient.submitAsync} (whose future completes once ZooKeeper committed the task),
 * keeping up to {@code --task-in-flight} submits in flight together, while three worker
 * instances with {@code --task-worker-threads} handler threads each claim, run and complete
 * them. Throughput is tasks divided by the time from the first submit to the last committed
 * completion; latency is submit to committed completion. {@code missing} counts tasks never
 * committed, {@code duplicates} outputs committed more than once.
 */
public final class TaskSaturatedSubject implements BenchmarkSubject {

	private final String name;

	private final BenchmarkTable table;

	/** What the subject adds to the fleet's properties, from the handler threads per worker. */
	private final IntFunction<List<String>> limits;

	private final String limitNote;

	/** The subject of the saturated table: no fleet-wide limit. */
	public TaskSaturatedSubject() {
		this("zkworkflow.tasks-saturated", BenchmarkTable.QUEUE_THROUGHPUT, (threads) -> List.of(), "");
	}

	private TaskSaturatedSubject(String name, BenchmarkTable table, IntFunction<List<String>> limits,
			String limitNote) {
		this.name = name;
		this.table = table;
		this.limits = limits;
		this.limitNote = limitNote;
	}

	/**
	 * The same load with a fleet-wide concurrency limit above it (twice the fleet's handler
	 * threads), so that every attempt takes and frees a slot that never runs out: the cost of
	 * the mechanism.
	 * @return the subject
	 */
	public static TaskSaturatedSubject concurrencyLimitAboveLoad() {
		return new TaskSaturatedSubject("zkworkflow.tasks-concurrency-limit-on", BenchmarkTable.TASK_LIMITS,
				(threads) -> List.of("zk-workflow.tasks.limits." + TaskApps.NOOP + ".concurrency="
						+ 2 * TaskFleet.WORKERS * threads),
				"limits." + TaskApps.NOOP + ".concurrency = 2 x the fleet's handler threads, ");
	}

	/**
	 * The same load with a fleet-wide rate limit far above it (1,000,000 per second), so that
	 * every attempt takes a permit that never runs out: the cost of the mechanism.
	 * @return the subject
	 */
	public static TaskSaturatedSubject rateLimitAboveLoad() {
		return new TaskSaturatedSubject("zkworkflow.tasks-rate-limit-on", BenchmarkTable.TASK_LIMITS,
				(threads) -> List.of("zk-workflow.tasks.limits." + TaskApps.NOOP + ".rate=1000000/1s"),
				"limits." + TaskApps.NOOP + ".rate = 1000000/1s, ");
	}


	/** Handler threads per worker: enough claims and completions in flight for group commit. */
	private static final int DEFAULT_WORKER_THREADS = 32;

	private final Correctness correctness = new Correctness();

	private final QueueLedger ledger = new QueueLedger();

	private @Nullable TaskFleet fleet;

	private @Nullable ZxidProbe probe;

	private SubjectOptions options = new SubjectOptions(java.util.Map.of(), true);

	private int items;

	private int producers;

	private int inFlight;

	private int workerThreads;

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String measurement() {
		return "TaskClient.submitAsync -> claim, run, committed completion, all tasks at once";
	}

	@Override
	public BenchmarkTable table() {
		return this.table;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.options = context.options();
		this.items = context.options().positiveInt("queue-items", context.options().shortMode() ? 5_000 : 20_000);
		this.producers = context.options().positiveInt("queue-producers", 4);
		this.inFlight = context.options().positiveInt("task-in-flight", 256);
		this.workerThreads = context.options().positiveInt("task-worker-threads", DEFAULT_WORKER_THREADS);
		this.correctness.counter("missing");
		this.correctness.counter("duplicates");
		List<String> properties = new ArrayList<>(this.limits.apply(this.workerThreads));
		properties.add("zk-workflow.tasks.max-pending=" + Math.max(100_000, this.items * 2));
		TaskFleet started = new TaskFleet(context, this.ledger, this.workerThreads, properties.toArray(String[]::new));
		TaskProbe.onRun = (item) -> started.handlerRuns().increment();
		this.probe = new ZxidProbe(context.newClient(), context.path("zxid-probe"));
		this.fleet = started;
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		TaskFleet tasks = this.fleet;
		ZxidProbe zxids = this.probe;
		if (tasks == null || zxids == null) {
			throw new IllegalStateException("setup() did not run: no task fleet");
		}
		Duration drainTimeout = Duration.ofSeconds(Math.max(60, this.items / 50));
		// batches of the measured size until the JIT has settled, for this subject and its baseline
		// alike (smaller batches left the JIT work to do once the deeper backlog came)
		JitWarmUp warmUp = new JitWarmUp(plan, this.options);
		long[] nextId = { 0 };
		warmUp.run(() -> {
			submitAll(tasks.client(), nextId[0], this.items);
			nextId[0] += this.items;
			this.ledger.awaitDrained(drainTimeout);
		});
		long start = System.nanoTime();
		this.ledger.measureWindow(start, Long.MAX_VALUE);
		zxids.start();
		ProcessCpu cpu = ProcessCpu.start();
		submitAll(tasks.client(), nextId[0], this.items);
		this.ledger.awaitDrained(drainTimeout);
		long end = Math.max(this.ledger.lastConsumedNanos(), start + 1);
		long transactions = zxids.transactionsSinceStart();
		String writes = (transactions < 0) ? "ZooKeeper transactions not counted (leader changed)"
				: String.format("%.1f ZooKeeper transactions per task", (double) transactions / this.items);
		String cpuPerItem = cpu.perItem(this.items) + ", " + writes + ", " + warmUp.describe();
		this.correctness.counter("missing").add(this.ledger.missing());
		this.correctness.counter("duplicates").add(this.ledger.duplicates());
		return SubjectResult.measured(this, this.ledger.latencies(), this.ledger.measuredItems(),
				Duration.ofNanos(end - start), this.correctness,
				this.limitNote + String.format("%,d tasks, %d producer threads, up to %d submits in flight, %d worker instances x %d "
						+ "threads (own sessions), %,d handler runs, %s", this.items, this.producers, this.inFlight,
						TaskFleet.WORKERS, this.workerThreads, tasks.handlerRuns().sum(), cpuPerItem));
	}

	/**
	 * Submit ids {@code firstId .. firstId + count - 1} from {@code --queue-producers} threads,
	 * each with {@code submitAsync} and its share of {@code --task-in-flight} submits in flight
	 * (a semaphore bounds them). Returns once every submit completed; fails on the first that
	 * failed.
	 */
	private void submitAll(TaskClient client, long firstId, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(this.producers);
		AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
		int perProducer = Math.max(1, this.inFlight / this.producers);
		try {
			List<Future<?>> submits = new ArrayList<>();
			for (int p = 0; p < this.producers; p++) {
				int producer = p;
				submits.add(pool.submit(() -> {
					Semaphore slots = new Semaphore(perProducer);
					for (long i = producer; i < count && failure.get() == null; i += this.producers) {
						long id = firstId + i;
						slots.acquire();
						this.ledger.produced(id);
						client.submitAsync(TaskApps.NOOP, new TaskItem(id, System.nanoTime()))
							.whenComplete((taskId, ex) -> {
								if (ex != null) {
									failure.compareAndSet(null, ex);
								}
								slots.release();
							});
					}
					slots.acquire(perProducer);
					return null;
				}));
			}
			for (Future<?> submit : submits) {
				submit.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		Throwable failed = failure.get();
		if (failed != null) {
			throw new IllegalStateException("A task submit failed: " + failed, failed);
		}
	}

	@Override
	public void tearDown() throws Exception {
		TaskProbe.reset();
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

}
