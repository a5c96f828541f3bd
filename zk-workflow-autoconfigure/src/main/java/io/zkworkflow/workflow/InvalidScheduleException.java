package io.zkworkflow.workflow;

/**
 * Thrown when a runtime schedule cannot be created or changed: a bad cron expression or
 * zone, a target no task or workflow of this application has, a name already taken, or a
 * payload over the limit. The message says what is wrong and how to fix it; nothing was
 * written.
 */
public class InvalidScheduleException extends IllegalArgumentException {

	public InvalidScheduleException(String message) {
		super(message);
	}

	public InvalidScheduleException(String message, Throwable cause) {
		super(message, cause);
	}

}
