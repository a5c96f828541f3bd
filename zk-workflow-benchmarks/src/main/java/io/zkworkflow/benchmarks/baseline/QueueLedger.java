package io.zkworkflow.benchmarks.baseline;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Books every item produced and consumed, to count missing and duplicated items and to record
 * put-to-consume latency for items put inside the measurement window.
 */
public final class QueueLedger {

	private final Set<Long> produced = ConcurrentHashMap.newKeySet();

	private final Map<Long, AtomicInteger> consumed = new ConcurrentHashMap<>();

	private final ConcurrentHistogram latencies = new ConcurrentHistogram(3);

	private final AtomicLong measured = new AtomicLong();

	private final AtomicLong distinctConsumed = new AtomicLong();

	private final LongAccumulator lastConsumedNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);

	private volatile long windowFrom = Long.MAX_VALUE;

	private volatile long windowUntil = Long.MAX_VALUE;

	/** Record latency for items put from {@code from} (nano time) until {@code until}. */
	public void measureWindow(long from, long until) {
		this.windowFrom = from;
		this.windowUntil = until;
	}

	public void produced(long id) {
		this.produced.add(id);
	}

	public void consumed(QueueItem item) {
		long now = System.nanoTime();
		if (this.consumed.computeIfAbsent(item.id(), (id) -> new AtomicInteger()).incrementAndGet() == 1) {
			this.distinctConsumed.incrementAndGet();
		}
		if (item.enqueuedNanos() >= this.windowFrom && item.enqueuedNanos() < this.windowUntil) {
			this.latencies.recordValue(Math.max(now - item.enqueuedNanos(), 0));
			this.measured.incrementAndGet();
		}
		this.lastConsumedNanos.accumulate(now);
	}

	/**
	 * Wait until every produced item was consumed at least once.
	 * @return {@code true} when drained, {@code false} on timeout (then {@link #missing()} is not 0)
	 */
	public boolean awaitDrained(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.distinctConsumed.get() < this.produced.size()) {
			if (System.nanoTime() > deadline) {
				return missing() == 0;
			}
			Thread.sleep(10);
		}
		return missing() == 0;
	}

	public long missing() {
		return this.produced.stream().filter((id) -> !this.consumed.containsKey(id)).count();
	}

	/** Extra deliveries of an item, plus deliveries of items never produced. */
	public long duplicates() {
		long duplicates = 0;
		for (Map.Entry<Long, AtomicInteger> entry : this.consumed.entrySet()) {
			int times = entry.getValue().get();
			duplicates += this.produced.contains(entry.getKey()) ? times - 1 : times;
		}
		return duplicates;
	}

	public Histogram latencies() {
		return this.latencies;
	}

	public long measuredItems() {
		return this.measured.get();
	}

	public long lastConsumedNanos() {
		return this.lastConsumedNanos.get();
	}

}
