package io.zkworkflow.benchmarks;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts moments when more than one holder is inside a critical section. Every lock subject
 * calls {@link #enter()} right after acquiring and {@link #exit()} right before releasing; all
 * holders live in this JVM, so one counter sees every session.
 */
public final class OverlapDetector {

	private final AtomicInteger holders = new AtomicInteger();

	private final LongAdder overlaps;

	/**
	 * Create a detector whose overlaps are reported as the {@code overlaps} counter.
	 * @param correctness the subject's correctness counters
	 */
	public OverlapDetector(Correctness correctness) {
		this.overlaps = correctness.counter("overlaps");
	}

	/** Record that the caller now holds the lock. */
	public void enter() {
		if (this.holders.incrementAndGet() > 1) {
			this.overlaps.increment();
		}
		Thread.onSpinWait();
	}

	/** Record that the caller is about to release the lock. */
	public void exit() {
		this.holders.decrementAndGet();
	}

}
