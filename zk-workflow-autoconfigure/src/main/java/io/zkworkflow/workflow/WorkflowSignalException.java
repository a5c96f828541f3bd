package io.zkworkflow.workflow;

/**
 * A signal was refused before anything was written: the workflow has ended or is ending, no
 * step of it waits for a signal of that name, its wait is over, or the payload cannot be
 * stored. The message says which and how to fix it.
 */
public class WorkflowSignalException extends IllegalArgumentException {

	public WorkflowSignalException(String message) {
		super(message);
	}

	public WorkflowSignalException(String message, Throwable cause) {
		super(message, cause);
	}

}
