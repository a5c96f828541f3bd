package io.zkworkflow.task.internal;

import java.util.Map;

import io.zkworkflow.task.TaskId;
import org.jspecify.annotations.Nullable;

/**
 * What the engine observes of submits and attempts, and the trace headers carried from one to
 * the other. {@link #NONE} when Micrometer Observation is absent; {@link ObservedTaskTracing}
 * otherwise.
 */
public interface TaskTracing {

	/** Observes nothing and carries no trace headers. */
	TaskTracing NONE = new TaskTracing() {
	};

	/** An open scope; closing it restores what was current before. */
	interface Scope extends AutoCloseable {

		/** A scope that restores nothing. */
		Scope NONE = () -> {
		};

		@Override
		void close();

	}

	/** One submit being observed. */
	interface Submit {

		/** Observes nothing. */
		Submit NONE = new Submit() {
		};

		/** The trace headers to store with the task (empty when there is no trace). */
		default Map<String, String> trace() {
			return Map.of();
		}

		default Scope openScope() {
			return Scope.NONE;
		}

		/**
		 * The submit ended.
		 * @param id the task, when known
		 * @param outcome the outcome tag value
		 * @param error the failure, if any
		 */
		default void stop(@Nullable TaskId id, String outcome, @Nullable Throwable error) {
		}

	}

	/** One attempt being observed. */
	interface Attempt {

		/** Observes nothing. */
		Attempt NONE = new Attempt() {
		};

		default Scope openScope() {
			return Scope.NONE;
		}

		/**
		 * The attempt ended; only the first call counts.
		 * @param outcome the outcome tag value
		 * @param error the failure, if any
		 */
		default void stop(String outcome, @Nullable Throwable error) {
		}

	}

	/** One claim being observed. */
	interface Claim {

		/** Observes nothing. */
		Claim NONE = new Claim() {
		};

		/**
		 * The claim ended; only the first call counts.
		 * @param id the claimed task, when claimed
		 * @param outcome the outcome tag value
		 * @param error the failure, if any
		 */
		default void stop(@Nullable TaskId id, String outcome, @Nullable Throwable error) {
		}

	}

	/**
	 * Start observing one claim of a ready task of the name.
	 * @param name the task name
	 * @return the claim's observation
	 */
	default Claim startClaim(String name) {
		return Claim.NONE;
	}

	default Submit startSubmit(String name) {
		return Submit.NONE;
	}

	/**
	 * Start observing an attempt, as a child of the trace stored with the task.
	 * @param id the task
	 * @param attempt the attempt number
	 * @param trace the trace headers stored at submit (empty if none)
	 * @return the attempt's observation
	 */
	default Attempt startAttempt(TaskId id, int attempt, Map<String, String> trace) {
		return Attempt.NONE;
	}

}
