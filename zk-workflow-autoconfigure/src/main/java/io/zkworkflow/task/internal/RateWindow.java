package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The permits a rate-limited task name granted lately, as the rate znode holds them: one count
 * per slice of {@code period / SLICES}, for the newest slice and the {@value #SLICES} before
 * it. A permit is granted only while the counts of those {@code SLICES + 1} slices add up to
 * less than the limit. Any interval of one period lies within the newest slice and the
 * {@value #SLICES} before it, so no interval of one period holds more than the limit's
 * permits; the price is that under constant demand about {@code SLICES / (SLICES + 1)} of the
 * limit is granted per period.
 * <p>
 * Slices never move back: an instance whose clock is behind the newest slice written counts
 * its permit in that slice. Encoded as text, {@code newest:count,count,...} (newest first),
 * so that the znode reads well in {@code zkCli}.
 */
final class RateWindow {

	/** Slices per period. */
	static final int SLICES = 20;

	private long newest;

	private final long[] counts;

	private RateWindow(long newest, long[] counts) {
		this.newest = newest;
		this.counts = counts;
	}

	static RateWindow empty() {
		return new RateWindow(Long.MIN_VALUE, new long[SLICES + 1]);
	}

	/**
	 * Read the znode's data; anything unreadable (a hand-made znode) reads as no permits
	 * granted, and is overwritten by the next grant.
	 */
	static RateWindow decode(byte[] data) {
		String text = new String(data, StandardCharsets.UTF_8);
		int colon = text.indexOf(':');
		if (colon < 0) {
			return empty();
		}
		try {
			long newest = Long.parseLong(text.substring(0, colon));
			long[] counts = new long[SLICES + 1];
			String[] parts = text.substring(colon + 1).split(",");
			for (int i = 0; i < Math.min(parts.length, counts.length); i++) {
				counts[i] = parts[i].isEmpty() ? 0 : Math.max(0, Long.parseLong(parts[i]));
			}
			return new RateWindow(newest, counts);
		}
		catch (NumberFormatException ex) {
			return empty();
		}
	}

	byte[] encode() {
		int last = this.counts.length - 1;
		while (last > 0 && this.counts[last] == 0) {
			last--;
		}
		StringBuilder text = new StringBuilder().append(this.newest).append(':');
		for (int i = 0; i <= last; i++) {
			text.append((i > 0) ? "," : "").append(this.counts[i]);
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	RateWindow copy() {
		return new RateWindow(this.newest, this.counts.clone());
	}

	/**
	 * Grant one permit in slice {@code now} if the limit allows it.
	 * @param now the current slice by the caller's clock
	 * @param permits the limit
	 * @return {@code -1} when granted, else the first slice in which a permit may be free
	 */
	long take(long now, int permits) {
		return (take(now, permits, 1) == 1) ? -1 : freeSlice();
	}

	/**
	 * Grant up to {@code wanted} permits in slice {@code now}, as many as the limit allows.
	 * @param now the current slice by the caller's clock
	 * @param permits the limit
	 * @param wanted how many permits the caller would use now
	 * @return how many were granted, 0 when none is free (then see {@link #freeSlice()})
	 */
	int take(long now, int permits, int wanted) {
		advanceTo(now);
		long free = permits - Arrays.stream(this.counts).sum();
		int granted = (int) Math.max(0, Math.min(wanted, free));
		this.counts[0] += granted;
		return granted;
	}

	/** The first slice in which a permit may be free, when none is now. */
	long freeSlice() {
		int oldest = this.counts.length - 1;
		while (oldest > 0 && this.counts[oldest] == 0) {
			oldest--;
		}
		// the oldest slice with permits leaves the window SLICES + 1 slices after it began
		return this.newest - oldest + SLICES + 1;
	}

	private void advanceTo(long now) {
		if (this.newest == Long.MIN_VALUE) {
			this.newest = now;
			return;
		}
		long shift = now - this.newest;
		if (shift <= 0) {
			return;
		}
		if (shift >= this.counts.length) {
			Arrays.fill(this.counts, 0);
		}
		else {
			System.arraycopy(this.counts, 0, this.counts, (int) shift, this.counts.length - (int) shift);
			Arrays.fill(this.counts, 0, (int) shift, 0);
		}
		this.newest = now;
	}

}
