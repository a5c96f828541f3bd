package io.zkworkflow.task;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link TaskClient#submit(String, Object, SubmitOptions)}. Immutable; every
 * method returns a copy:
 * <pre class="code">
 * SubmitOptions.idempotencyKey("invoice-" + orderId).delay(Duration.ofMinutes(5))
 * </pre>
 */
public final class SubmitOptions {

	/** Lowest priority: claimed after every higher one, within the starvation bound. */
	public static final int MIN_PRIORITY = 0;

	/** Highest priority. */
	public static final int MAX_PRIORITY = 9;

	/** Priority of a task submitted without one. */
	public static final int DEFAULT_PRIORITY = 5;

	/**
	 * Attribute holding the priority set with {@link #priority(int)}; absent or invalid
	 * values mean {@link #DEFAULT_PRIORITY}.
	 */
	public static final String PRIORITY = "zk-workflow.priority";

	private static final SubmitOptions NONE = new SubmitOptions(null, null, Map.of());

	private final @Nullable String idempotencyKey;

	private final @Nullable Instant notBefore;

	private final Map<String, String> attributes;

	private SubmitOptions(@Nullable String idempotencyKey, @Nullable Instant notBefore,
			Map<String, String> attributes) {
		this.idempotencyKey = idempotencyKey;
		this.notBefore = notBefore;
		this.attributes = attributes;
	}

	/**
	 * Return options with nothing set.
	 * @return the empty options
	 */
	public static SubmitOptions none() {
		return NONE;
	}

	/**
	 * Return options with an idempotency key: a second submit of the same task name with the
	 * same key (within {@code zk-workflow.tasks.idempotency-retention}) returns the first
	 * task's id and creates nothing. A schedule uses {@code name@fireTime}.
	 * @param key any non-empty string
	 * @return the options
	 */
	public static SubmitOptions idempotencyKey(@Nullable String key) {
		return NONE.withIdempotencyKey(key);
	}

	/**
	 * Return options that make the task wait before it becomes ready.
	 * @param delay how long to wait
	 * @return the options
	 */
	public static SubmitOptions delayed(Duration delay) {
		return NONE.delay(delay);
	}

	/**
	 * Return options with a priority (see {@link #priority(int)}).
	 * @param priority from {@link #MIN_PRIORITY} to {@link #MAX_PRIORITY}
	 * @return the options
	 */
	public static SubmitOptions prioritized(int priority) {
		return NONE.priority(priority);
	}

	/**
	 * Return a copy with the given idempotency key.
	 * @param key any non-empty string
	 * @return the options
	 */
	public SubmitOptions withIdempotencyKey(@Nullable String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("An idempotency key must not be null or blank; pass a business key "
					+ "such as 'invoice-42', or use SubmitOptions.none() for no idempotency");
		}
		return new SubmitOptions(key, this.notBefore, this.attributes);
	}

	/**
	 * Return a copy whose task becomes ready after {@code delay}.
	 * @param delay a non-negative delay
	 * @return the options
	 */
	public SubmitOptions delay(Duration delay) {
		if (delay.isNegative()) {
			throw new IllegalArgumentException("A task delay must not be negative, got " + delay);
		}
		return notBefore(Instant.now().plus(delay));
	}

	/**
	 * Return a copy whose task becomes ready at {@code instant}.
	 * @param instant the earliest time the task may run
	 * @return the options
	 */
	public SubmitOptions notBefore(Instant instant) {
		return new SubmitOptions(this.idempotencyKey, instant, this.attributes);
	}

	/**
	 * Return a copy with a string attribute carried with the task to its
	 * {@link TaskContext} and {@link TaskOutcome} (a workflow engine keeps its instance id
	 * here).
	 * @param name the attribute name
	 * @param value the value
	 * @return the options
	 */
	public SubmitOptions attribute(String name, String value) {
		Map<String, String> copy = new LinkedHashMap<>(this.attributes);
		copy.put(name, value);
		return new SubmitOptions(this.idempotencyKey, this.notBefore, Map.copyOf(copy));
	}

	/**
	 * Return a copy whose task is claimed before the waiting tasks of the same name with a
	 * lower priority: every instance takes the highest priority it knows of first, except that
	 * every tenth claim takes the oldest waiting task whatever its priority, so that lower
	 * priorities keep moving under a steady stream of higher ones.
	 * @param priority from {@link #MIN_PRIORITY} (0) to {@link #MAX_PRIORITY} (9); without one a task
	 * has {@link #DEFAULT_PRIORITY} (5)
	 * @return the options
	 */
	public SubmitOptions priority(int priority) {
		if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
			throw new IllegalArgumentException("A task priority must be between " + MIN_PRIORITY + " (lowest) and "
					+ MAX_PRIORITY + " (highest), got " + priority + "; without one a task has priority "
					+ DEFAULT_PRIORITY);
		}
		return attribute(PRIORITY, Integer.toString(priority));
	}

	/**
	 * Return the priority, {@link #DEFAULT_PRIORITY} unless set.
	 * @return the priority
	 */
	public int getPriority() {
		return priorityOf(this.attributes);
	}

	/**
	 * Return the priority carried in a task's attributes: {@link #DEFAULT_PRIORITY} when absent
	 * or not a valid priority.
	 * @param attributes the task's attributes
	 * @return the priority
	 */
	public static int priorityOf(Map<String, String> attributes) {
		String value = attributes.get(PRIORITY);
		if (value != null && value.length() == 1) {
			int priority = value.charAt(0) - '0';
			if (priority >= MIN_PRIORITY && priority <= MAX_PRIORITY) {
				return priority;
			}
		}
		return DEFAULT_PRIORITY;
	}

	public @Nullable String getIdempotencyKey() {
		return this.idempotencyKey;
	}

	public @Nullable Instant getNotBefore() {
		return this.notBefore;
	}

	public Map<String, String> getAttributes() {
		return this.attributes;
	}

}
