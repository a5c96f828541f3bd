package io.zkworkflow.task;

/**
 * More tasks of one name are waiting than {@code zk-workflow.tasks.max-pending} allows.
 */
public class TooManyPendingTasksException extends TaskSubmitException {

	public TooManyPendingTasksException(String message) {
		super(message);
	}

}
