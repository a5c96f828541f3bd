package io.zkworkflow.workflow;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Per-step overrides of the step handler's {@code @WorkflowTask} attempt budget, first retry
 * delay and attempt timeout. Unset values keep the handler's.
 * <pre class="code">
 * .options("charge-card", StepOptions.maxAttempts(5).timeout(Duration.ofSeconds(30)))
 * </pre>
 *
 * @param attempts the attempt budget, or {@code null}
 * @param backoff the first retry delay, or {@code null}
 * @param timeout the attempt timeout, or {@code null}
 */
public record StepOptions(@Nullable Integer attempts, @Nullable Duration backoff, @Nullable Duration timeout) {

	/** No overrides. */
	public static final StepOptions NONE = new StepOptions(null, null, null);

	/**
	 * Return options with an attempt budget.
	 * @param attempts at least 1
	 * @return the options
	 */
	public static StepOptions maxAttempts(int attempts) {
		return NONE.withMaxAttempts(attempts);
	}

	/**
	 * Return a copy with an attempt budget.
	 * @param attempts at least 1
	 * @return the options
	 */
	public StepOptions withMaxAttempts(int attempts) {
		if (attempts < 1) {
			throw new IllegalArgumentException("A step's maxAttempts must be at least 1, got " + attempts);
		}
		return new StepOptions(attempts, this.backoff, this.timeout);
	}

	/**
	 * Return a copy with a first retry delay.
	 * @param backoff a positive duration
	 * @return the options
	 */
	public StepOptions backoff(Duration backoff) {
		return new StepOptions(this.attempts, positive("backoff", backoff), this.timeout);
	}

	/**
	 * Return a copy with an attempt timeout.
	 * @param timeout a positive duration
	 * @return the options
	 */
	public StepOptions timeout(Duration timeout) {
		return new StepOptions(this.attempts, this.backoff, positive("timeout", timeout));
	}

	private static Duration positive(String what, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("A step's " + what + " must be positive, got " + value);
		}
		return value;
	}

}
