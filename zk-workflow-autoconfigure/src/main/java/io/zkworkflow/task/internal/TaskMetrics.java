package io.zkworkflow.task.internal;

import java.util.function.ToDoubleFunction;

/**
 * What the engine measures. {@link #NONE} when Micrometer is absent.
 */
public interface TaskMetrics {

	/** Metrics that record nothing. */
	TaskMetrics NONE = new TaskMetrics() {
	};

	/** Outcome tag values of {@code zk.workflow.tasks.completed}. */
	enum Outcome {

		SUCCEEDED, FAILED, DEAD, TIMED_OUT, LEASE_LOST, HANDED_BACK;

		String tag() {
			return name().toLowerCase().replace('_', '-');
		}

	}

	default void submitted(String name) {
	}

	default void submittedUnserved(String name) {
	}

	default void attemptFinished(String name, Outcome outcome, long nanos) {
	}

	default void claimed(String name, long latencyMillis) {
	}

	/**
	 * One claim committed: the time from starting to claim (reading the ready nodes) until
	 * the claim transaction committed, for {@code tasks} tasks claimed together.
	 * @param name the task name
	 * @param tasks how many tasks the transaction claimed
	 * @param nanos how long the claim took
	 */
	default void claimCommitted(String name, int tasks, long nanos) {
	}

	default <T> void pendingGauge(String name, T source, ToDoubleFunction<T> value) {
	}

}
