package io.zkworkflow.task.internal;

import java.time.Duration;

import io.zkworkflow.internal.InputText;

import org.springframework.boot.convert.DurationStyle;

/**
 * A fleet-wide rate limit of one task name: at most {@code permits} attempts start in any
 * {@code period} across all instances, written {@code permits/period} ({@code 100/1m}).
 *
 * @param permits attempts that may start per period, 1 to {@value #MAX_PERMITS}
 * @param period the period, 1 second to 1 day
 */
public record TaskRateLimit(int permits, Duration period) {

	/** Most permits per period. */
	public static final int MAX_PERMITS = 1_000_000;

	static final Duration MIN_PERIOD = Duration.ofSeconds(1);

	static final Duration MAX_PERIOD = Duration.ofDays(1);

	/** What a valid value looks like, for messages. */
	public static final String FORM = "use 'PERMITS/PERIOD' with PERMITS between 1 and " + MAX_PERMITS
			+ " and PERIOD between 1s and 1d, for example '100/1m' or '5/1s'";

	public TaskRateLimit {
		if (permits < 1 || permits > MAX_PERMITS) {
			throw new IllegalArgumentException("the number of permits " + permits + " is out of range; " + FORM);
		}
		if (period.compareTo(MIN_PERIOD) < 0 || period.compareTo(MAX_PERIOD) > 0) {
			throw new IllegalArgumentException("the period " + period + " is out of range; " + FORM);
		}
	}

	/**
	 * Read a rate written {@code permits/period}; the period takes Spring Boot's duration forms
	 * ({@code 1m}, {@code 30s}, {@code PT1H}).
	 * @param text the value
	 * @return the rate
	 * @throws IllegalArgumentException saying what is wrong and what to write instead
	 */
	public static TaskRateLimit parse(String text) {
		String quoted = InputText.quote(text);
		int slash = text.indexOf('/');
		if (slash < 0) {
			throw new IllegalArgumentException(quoted + " has no '/' between permits and period; " + FORM);
		}
		int permits;
		try {
			permits = Integer.parseInt(text.substring(0, slash).trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(quoted + " does not start with a whole number of permits; " + FORM);
		}
		Duration period;
		try {
			period = DurationStyle.detectAndParse(text.substring(slash + 1).trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(quoted + " does not end with a duration; " + FORM);
		}
		try {
			return new TaskRateLimit(permits, period);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(quoted + ": " + ex.getMessage());
		}
	}

	@Override
	public String toString() {
		return this.permits + "/" + this.period;
	}

}
