package io.zkworkflow.task;

/**
 * A submit that was refused before anything was written: the message says why and how to
 * fix it.
 */
public class TaskSubmitException extends RuntimeException {

	public TaskSubmitException(String message) {
		super(message);
	}

	public TaskSubmitException(String message, Throwable cause) {
		super(message, cause);
	}

}
