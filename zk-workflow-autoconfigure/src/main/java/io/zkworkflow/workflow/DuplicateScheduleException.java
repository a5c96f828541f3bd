package io.zkworkflow.workflow;

/**
 * Thrown when a runtime schedule is created under a name another schedule (declared or
 * created at runtime) already has. Choose another name, or update the existing schedule.
 */
public class DuplicateScheduleException extends InvalidScheduleException {

	public DuplicateScheduleException(String message) {
		super(message);
	}

}
