package io.zkworkflow.workflow;

/**
 * A start that was refused before anything was committed; the message says why and how to
 * fix it.
 */
public class WorkflowStartException extends RuntimeException {

	public WorkflowStartException(String message) {
		super(message);
	}

	public WorkflowStartException(String message, Throwable cause) {
		super(message, cause);
	}

}
