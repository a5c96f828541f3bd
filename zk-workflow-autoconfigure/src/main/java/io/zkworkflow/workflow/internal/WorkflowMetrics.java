package io.zkworkflow.workflow.internal;

import java.time.Duration;

import io.zkworkflow.workflow.StepState;
import io.zkworkflow.workflow.WorkflowState;

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

}
