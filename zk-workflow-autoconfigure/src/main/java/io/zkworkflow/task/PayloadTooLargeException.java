package io.zkworkflow.task;

/**
 * A payload whose JSON form is larger than {@code zk-workflow.tasks.max-payload}.
 */
public class PayloadTooLargeException extends TaskSubmitException {

	public PayloadTooLargeException(String message) {
		super(message);
	}

}
