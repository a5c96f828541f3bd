package io.zkworkflow.benchmarks.baseline;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.JitWarmUp;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;

/**
 * Curator {@link org.apache.curator.framework.recipes.queue.DistributedQueue} at light load: one
 * producer puts {@code --queue-rate} items per second (default 50) at a steady pace through the
 * warm-up and window, to the same kind of {@link CuratorQueueRig} as the saturated subject. The latency columns are
 * the pickup latency, from just before the put until a consumer has the item.
 */
public final class CuratorQueuePacedSubject implements BenchmarkSubject {

	private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

	/** Items per warm-up burst. */
	static final int WARMUP_BURST = 500;

	/** First id of the warm-up items, apart from the measured ones. */
	static final long WARMUP_IDS = 1L << 40;

	private SubjectOptions options = new SubjectOptions(java.util.Map.of(), true);

	private final Correctness correctness = new Correctness();

	private final QueueLedger ledger = new QueueLedger();

	private @Nullable CuratorQueueRig rig;

	private int rate;

	@Override
	public String name() {
		return "curator.queue-paced";
	}

	@Override
	public String measurement() {
		return "DistributedQueue pickup latency: put -> consume";
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
		this.rig = new CuratorQueueRig(context, this.ledger);
	}

	@Override
	public SubjectResult run(RunPlan plan) throws Exception {
		CuratorQueueRig queue = this.rig;
		if (queue == null) {
			throw new IllegalStateException("setup() did not run: no queue");
		}
		// bursts of the same work until the JIT has settled, as for the subjects compared with it
		JitWarmUp warmUp = new JitWarmUp(plan, this.options);
		long[] warmUpId = { WARMUP_IDS };
		warmUp.run(() -> {
			for (int i = 0; i < WARMUP_BURST; i++) {
				queue.put(warmUpId[0]++);
			}
			this.ledger.awaitDrained(DRAIN_TIMEOUT);
		});
		long interval = 1_000_000_000L / this.rate;
		long start = System.nanoTime();
		long windowFrom = start + plan.warmup().toNanos();
		long windowUntil = windowFrom + plan.window().toNanos();
		this.ledger.measureWindow(windowFrom, windowUntil);
		long next = start;
		long id = 0;
		while (next < windowUntil) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			queue.put(id++);
			next = Math.max(next + interval, System.nanoTime() - interval);
		}
		this.ledger.awaitDrained(DRAIN_TIMEOUT);
		this.correctness.counter("missing").add(this.ledger.missing());
		this.correctness.counter("duplicates").add(this.ledger.duplicates());
		return SubjectResult.measured(this, this.ledger.latencies(), this.ledger.measuredItems(), plan.window(),
				this.correctness, this.rate + " items/s offered, " + queue.description() + ", " + warmUp.describe()
						+ " (bursts of " + WARMUP_BURST + " items)");
	}

	@Override
	public void tearDown() throws Exception {
		if (this.rig != null) {
			this.rig.close();
		}
	}

}
