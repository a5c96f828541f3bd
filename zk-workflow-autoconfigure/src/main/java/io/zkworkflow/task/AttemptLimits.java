package io.zkworkflow.task;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Per-task overrides of a handler's attempt budget, backoff and timeout, carried as
 * {@link SubmitOptions#attribute(String, String) attributes} under reserved names (a
 * workflow step's overrides travel this way). Absent or invalid values fall back to the
 * handler's {@link WorkflowTask} settings.
 */
public final class AttemptLimits {

	/** Attribute holding the attempt budget, a positive integer. */
	public static final String MAX_ATTEMPTS = "zk-workflow.max-attempts";

	/** Attribute holding the first retry delay, a duration such as {@code 2s}. */
	public static final String BACKOFF = "zk-workflow.backoff";

	/** Attribute holding the attempt timeout, a duration such as {@code 30s}. */
	public static final String TIMEOUT = "zk-workflow.timeout";

	private AttemptLimits() {
	}

	/**
	 * Return the options with the given overrides added; {@code null} leaves a value to the
	 * handler.
	 * @param options the options to extend
	 * @param maxAttempts the attempt budget, or {@code null}
	 * @param backoff the first retry delay, or {@code null}
	 * @param timeout the attempt timeout, or {@code null}
	 * @return the extended options
	 */
	public static SubmitOptions apply(SubmitOptions options, @Nullable Integer maxAttempts,
			@Nullable Duration backoff, @Nullable Duration timeout) {
		SubmitOptions result = options;
		if (maxAttempts != null) {
			result = result.attribute(MAX_ATTEMPTS, Integer.toString(maxAttempts));
		}
		if (backoff != null) {
			result = result.attribute(BACKOFF, backoff.toString());
		}
		if (timeout != null) {
			result = result.attribute(TIMEOUT, timeout.toString());
		}
		return result;
	}

}
