package io.zkworkflow.workflow;

import java.time.Duration;

/**
 * A workflow had not ended within the time {@link WorkflowClient#result} was given. The
 * workflow is not affected: it may still end, and a later wait (from any instance) gets its
 * result.
 */
public class WorkflowResultTimeoutException extends RuntimeException {

	private final WorkflowId workflowId;

	private final Duration timeout;

	public WorkflowResultTimeoutException(WorkflowId workflowId, Duration timeout) {
		super("Workflow " + workflowId + " has not ended after waiting " + timeout.toMillis() + "ms; it may still "
				+ "end: wait again, or read WorkflowClient.status(id)");
		this.workflowId = workflowId;
		this.timeout = timeout;
	}

	/**
	 * Return the workflow.
	 * @return its id
	 */
	public WorkflowId getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * Return how long the caller waited.
	 * @return the wait
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
