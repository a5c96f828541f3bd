package io.zkworkflow.benchmarks;

/**
 * Handed to each call of {@link ClosedLoopSubject#operation}: which worker thread runs it, and
 * a way to end the timed part before the operation returns (e.g. time only the acquire of a
 * lock cycle, or stop at the moment a listener saw a change).
 */
public final class Worker {

	private final int index;

	private long start;

	private long end;

	Worker(int index) {
		this.index = index;
	}

	/**
	 * Return this worker's index, from 0 to {@code threads() - 1}, stable for the whole run.
	 * @return the index
	 */
	public int index() {
		return this.index;
	}

	/** End the timed part of this operation now. */
	public void markEnd() {
		this.end = System.nanoTime();
	}

	/**
	 * End the timed part of this operation at a {@link System#nanoTime()} taken elsewhere,
	 * e.g. on a listener thread.
	 * @param nanoTime the end
	 */
	public void markEnd(long nanoTime) {
		this.end = nanoTime;
	}

	void begin() {
		this.end = 0;
		this.start = System.nanoTime();
	}

	long latency() {
		long stop = (this.end != 0) ? this.end : System.nanoTime();
		return Math.max(stop - this.start, 0);
	}

}
