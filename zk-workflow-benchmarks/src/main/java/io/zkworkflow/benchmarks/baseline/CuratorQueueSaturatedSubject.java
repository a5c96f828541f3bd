package io.zkworkflow.benchmarks.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import io.zkworkflow.benchmarks.BenchmarkContext;
import io.zkworkflow.benchmarks.BenchmarkSubject;
import io.zkworkflow.benchmarks.BenchmarkTable;
import io.zkworkflow.benchmarks.Correctness;
import io.zkworkflow.benchmarks.JitWarmUp;
import io.zkworkflow.benchmarks.SubjectOptions;
import io.zkworkflow.benchmarks.ProcessCpu;
import io.zkworkflow.benchmarks.RunPlan;
import io.zkworkflow.benchmarks.SubjectResult;

/**
 * Curator {@link org.apache.curator.framework.recipes.queue.DistributedQueue} end to end,
 * saturated: {@code --queue-producers} threads (default 4) put {@code --queue-items} items
 * (default 20,000; 5,000 in short mode) as fast as they commit while the consumers of a {@link CuratorQueueRig}
 * drain them. Throughput is items divided by the time from the first put to
 * the last consumption; latency is put to consume. This subject is sized by items, not by the
 * window: batches of the same size run first until the JIT has settled ({@link JitWarmUp}).
 */
public final class CuratorQueueSaturatedSubject implements BenchmarkSubject {


	private final Correctness correctness = new Correctness();

	private final QueueLedger ledger = new QueueLedger();

	private @Nullable CuratorQueueRig rig;

	private SubjectOptions options = new SubjectOptions(java.util.Map.of(), true);

	private int items;

	private int producers;

	@Override
	public String name() {
		return "curator.queue-saturated";
	}

	@Override
	public String measurement() {
		return "DistributedQueue put -> consume, all items at once";
	}

	@Override
	public BenchmarkTable table() {
		return BenchmarkTable.QUEUE_THROUGHPUT;
	}

	@Override
	public void setup(BenchmarkContext context) throws Exception {
		this.options = context.options();
		this.items = context.options().positiveInt("queue-items", context.options().shortMode() ? 5_000 : 20_000);
		this.producers = context.options().positiveInt("queue-producers", 4);
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
		Duration drainTimeout = Duration.ofSeconds(Math.max(60, this.items / 50));
		// batches of the measured size until the JIT has settled, for this subject and its baseline
		// alike (smaller batches left the JIT work to do once the deeper backlog came)
		JitWarmUp warmUp = new JitWarmUp(plan, this.options);
		long[] nextId = { 0 };
		warmUp.run(() -> {
			putAll(queue, nextId[0], this.items);
			nextId[0] += this.items;
			this.ledger.awaitDrained(drainTimeout);
		});
		long start = System.nanoTime();
		this.ledger.measureWindow(start, Long.MAX_VALUE);
		ProcessCpu cpu = ProcessCpu.start();
		putAll(queue, nextId[0], this.items);
		this.ledger.awaitDrained(drainTimeout);
		long end = Math.max(this.ledger.lastConsumedNanos(), start + 1);
		String cpuPerItem = cpu.perItem(this.items) + ", " + warmUp.describe();
		this.correctness.counter("missing").add(this.ledger.missing());
		this.correctness.counter("duplicates").add(this.ledger.duplicates());
		return SubjectResult.measured(this, this.ledger.latencies(), this.ledger.measuredItems(),
				Duration.ofNanos(end - start), this.correctness, String.format("%,d items, %d producer threads, %s, %s", this.items,
						this.producers, queue.description(), cpuPerItem));
	}

	private void putAll(CuratorQueueRig queue, long firstId, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(this.producers);
		try {
			List<Future<?>> puts = new ArrayList<>();
			for (int p = 0; p < this.producers; p++) {
				int producer = p;
				puts.add(pool.submit(() -> {
					for (long i = producer; i < count; i += this.producers) {
						queue.put(firstId + i);
					}
					return null;
				}));
			}
			for (Future<?> put : puts) {
				put.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Override
	public void tearDown() throws Exception {
		if (this.rig != null) {
			this.rig.close();
		}
	}

}
