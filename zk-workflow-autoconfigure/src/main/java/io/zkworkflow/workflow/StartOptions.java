package io.zkworkflow.workflow;

import org.jspecify.annotations.Nullable;

/**
 * Options of {@link WorkflowClient#start(String, Object, StartOptions)}.
 *
 * @param idempotencyKey the key that makes a second start return the first id, or
 * {@code null}
 */
public record StartOptions(@Nullable String idempotencyKey) {

	private static final StartOptions NONE = new StartOptions(null);

	public StartOptions {
		if (idempotencyKey != null && idempotencyKey.isEmpty()) {
			throw new IllegalArgumentException("A workflow idempotency key must not be empty");
		}
	}

	/**
	 * Return options with nothing set.
	 * @return the options
	 */
	public static StartOptions none() {
		return NONE;
	}

	/**
	 * Return options with an idempotency key: while the first workflow started with this key
	 * (for the same definition) is in ZooKeeper (running, or finished within
	 * {@code zk-workflow.workflows.retention}), a second start returns its id.
	 * @param key any non-empty string, such as an order id
	 * @return the options
	 */
	public static StartOptions idempotencyKey(String key) {
		return new StartOptions(key);
	}

}
