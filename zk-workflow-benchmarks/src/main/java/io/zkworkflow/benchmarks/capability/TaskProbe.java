package io.zkworkflow.benchmarks.capability;

import java.util.function.Consumer;

import io.zkworkflow.task.internal.TaskMetrics;

/**
 * Where the benchmark task handler and the engine's claim timing report to the subject that
 * runs now. Static because the handler beans live in application contexts the subject starts;
 * subjects run one after the other, and each sets what it needs in {@code setup}.
 */
final class TaskProbe {

	/** Called by the no-op handler with its payload, on the worker thread. */
	static volatile Consumer<TaskItem> onRun = (item) -> {
	};

	/** Called with the duration of every claim (read + claim transaction) in nanoseconds. */
	static volatile ClaimListener onClaim = (tasks, nanos) -> {
	};

	private TaskProbe() {
	}

	static void reset() {
		onRun = (item) -> {
		};
		onClaim = (tasks, nanos) -> {
		};
	}

	/** Receives claim durations. */
	@FunctionalInterface
	interface ClaimListener {

		void claimed(int tasks, long nanos);

	}

	/** The engine's metrics hook, forwarding claim durations to {@link #onClaim}. */
	static final class ClaimTimingMetrics implements TaskMetrics {

		@Override
		public void claimCommitted(String name, int tasks, long nanos) {
			onClaim.claimed(tasks, nanos);
		}

	}

}
