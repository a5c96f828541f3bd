package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * Workflow metrics; {@link #NONE} when Micrometer is absent.
 */
public interface WorkflowMetrics {

	/** Metrics that record nothing. */
	WorkflowMetrics NONE = new WorkflowMetrics() {
	};

	/** A workflow started. */
	default void started(String definition) {
	}

	/** A workflow ended (COMPLETED, FAILED or CANCELLED). */
	default void finished(String definition, WorkflowState outcome, Duration duration) {
	}

	/** A step ended. */
	default void stepFinished(String definition, String step, StepState outcome, Duration duration) {
	}

	/**
	 * Start observing a {@code WorkflowClient.start} call, current on this thread until stopped.
	 * @param definition the definition's name
	 * @return what stops it
	 */
	default Start startWorkflow(String definition) {
		return Start.NONE;
	}

	/** A step ended: its observation ({@link #stepFinished} has its duration). */
	default void stepEnded(String workflowId, String definition, String step, StepState outcome) {
	}

	/** A workflow ended: its observation ({@link #finished} has its duration). */
	default void ended(String workflowId, String definition, WorkflowState outcome, Duration duration) {
	}

	/**
	 * Start observing one round of a schedule, current on this thread until stopped.
	 * @param schedule the schedule's name
	 * @param kind {@code task} or {@code workflow}
	 * @param target what it fires
	 * @param ticks the due ticks
	 * @return what stops it
	 */
	default Fire startFire(String schedule, String kind, String target, List<Instant> ticks) {
		return Fire.NONE;
	}

	/** One schedule round being observed; stop it on the thread that started it. */
	@FunctionalInterface
	interface Fire {

		/** Observes nothing. */
		Fire NONE = (outcome, error) -> {
		};

		/**
		 * The round ended.
		 * @param outcome {@code fired}, {@code already-fired}, {@code raced} or {@code failed}
		 * @param error the failure, if any
		 */
		void stop(String outcome, @Nullable Throwable error);

	}

	/** One start being observed; only the first stop counts, on the starting thread. */
	@FunctionalInterface
	interface Start {

		/** Observes nothing. */
		Start NONE = (id, outcome, error) -> {
		};

		/**
		 * The start ended.
		 * @param id the workflow, when known
		 * @param outcome {@code started}, {@code existing} or {@code failed}
		 * @param error the failure, if any
		 */
		void stop(@Nullable WorkflowId id, String outcome, @Nullable Throwable error);

	}

}
