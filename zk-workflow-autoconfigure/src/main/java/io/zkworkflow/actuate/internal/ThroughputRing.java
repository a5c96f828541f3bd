package io.zkworkflow.actuate.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attempts that succeeded and failed on this instance, per minute, for the last
 * {@value #MINUTES} minutes: a fixed ring of counters, so memory stays the same however long
 * the instance runs. Minutes without attempts read as zero.
 */
final class ThroughputRing {

	static final int MINUTES = 60;

	private static final long MINUTE_MILLIS = 60_000;

	private final long[] minutes = new long[MINUTES];

	private final long[] succeeded = new long[MINUTES];

	private final long[] failed = new long[MINUTES];

	synchronized void record(long epochMillis, boolean success) {
		long minute = epochMillis / MINUTE_MILLIS;
		int slot = (int) (minute % MINUTES);
		if (this.minutes[slot] != minute) {
			this.minutes[slot] = minute;
			this.succeeded[slot] = 0;
			this.failed[slot] = 0;
		}
		if (success) {
			this.succeeded[slot]++;
		}
		else {
			this.failed[slot]++;
		}
	}

	/**
	 * Return the last {@value #MINUTES} minutes up to the one holding {@code nowMillis}, oldest
	 * first.
	 * @param nowMillis the current time
	 * @return one entry per minute: {@code minute} (its start), {@code succeeded}, {@code failed}
	 */
	synchronized List<Map<String, Object>> lastHour(long nowMillis) {
		long current = nowMillis / MINUTE_MILLIS;
		List<Map<String, Object>> result = new ArrayList<>(MINUTES);
		for (long minute = current - MINUTES + 1; minute <= current; minute++) {
			int slot = (int) (minute % MINUTES);
			boolean filled = this.minutes[slot] == minute;
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("minute", Instant.ofEpochMilli(minute * MINUTE_MILLIS).toString());
			entry.put("succeeded", filled ? this.succeeded[slot] : 0L);
			entry.put("failed", filled ? this.failed[slot] : 0L);
			result.add(entry);
		}
		return result;
	}

}
