package io.zkworkflow.benchmarks.capability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.JitWarmUp;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;
import io.zkworkflow.benchmarks.baseline.QueueItem;
import io.zkworkflow.benchmarks.baseline.QueueLedger;
import org.jspecify.annotations.Nullable;

/**
 * Durable tasks at light load, like {@code curator.queue-paced}: one producer submits
 * {@code --queue-rate} no-op tasks per second to three worker instances. The latency columns
 * are the pickup latency, from just before {@code submit} until a handler runs with the
 * payload. {@code missing} / {@code duplicates} count committed completions.
 */
public final class TaskPacedSubject implements BenchmarkSubject {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	/** Tasks per warm-up burst. */
	static final int WARMUP_BURST = 500;

	/** First id of the warm-up tasks, apart from the measured ones. */
	static final long WARMUP_IDS = 1L << 40;

	private SubjectOptions options = new SubjectOptions(java.util.Map.of(), true);

	private final Correctness correctness = new Correctness();

	private final QueueLedger pickups = new QueueLedger();

	private final QueueLedger commits = new QueueLedger();

	private @Nullable TaskFleet fleet;

	private int rate;

	@Override
	public String name() {
		return "zkworkflow.tasks-paced";
	}

	@Override
	public String measurement() {
		return "Task pickup latency: submit -> handler runs";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.QUEUE_PICKUP;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.options = context.options();
		this.rate = context.options().positiveInt("queue-rate", 50);
		this.correctness.counter("missing");
		this.correctness.counter("duplicates");
		TaskFleet started = new TaskFleet(context, this.commits);
		TaskProbe.onRun = (item) -> {
			started.handlerRuns().increment();
			this.pickups.consumed(new QueueItem(item.id(), item.nanos()));
		};
		this.fleet = started;
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		TaskFleet tasks = this.fleet;
		if (tasks == null) {
			throw new IllegalStateException("setup() did not run: no task fleet");
		}
		// bursts of the same work until the JIT has settled, as for the baseline
		JitWarmUp warmUp = new JitWarmUp(plan, this.options);
		long[] warmUpId = { WARMUP_IDS };
		warmUp.run(() -> {
			for (int i = 0; i < WARMUP_BURST; i++) {
				long id = warmUpId[0]++;
				this.pickups.produced(id);
				this.commits.produced(id);
				tasks.client().submit(TaskApps.NOOP, new TaskItem(id, System.nanoTime()));
			}
			this.commits.awaitDrained(DRAIN_TIMEOUT);
		});
		long interval = 1_000_000_000L / this.rate;
		long start = System.nanoTime();
		long windowFrom = start + plan.warmup().toNanos();
		long windowUntil = windowFrom + plan.window().toNanos();
		this.pickups.measureWindow(windowFrom, windowUntil);
		long next = start;
		AtomicLong ids = new AtomicLong();
		while (next < windowUntil) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			long id = ids.getAndIncrement();
			this.pickups.produced(id);
			this.commits.produced(id);
			tasks.client().submit(TaskApps.NOOP, new TaskItem(id, System.nanoTime()));
			next = Math.max(next + interval, System.nanoTime() - interval);
		}
		this.commits.awaitDrained(DRAIN_TIMEOUT);
		this.correctness.counter("missing").add(this.commits.missing());
		this.correctness.counter("duplicates").add(this.commits.duplicates());
		return SubjectResult.measured(this, this.pickups.latencies(), this.pickups.measuredItems(), plan.window(),
				this.correctness, this.rate + " tasks/s offered, " + TaskFleet.WORKERS + " worker instances x "
						+ TaskApps.WORKER_CONCURRENCY + " threads, " + tasks.handlerRuns().sum() + " handler runs, "
						+ warmUp.describe() + " (bursts of " + WARMUP_BURST + " tasks)");
	}

	@Override
	public void tearDown() throws Exception {
		TaskProbe.reset();
		if (this.fleet != null) {
			this.fleet.close();
		}
	}

}
