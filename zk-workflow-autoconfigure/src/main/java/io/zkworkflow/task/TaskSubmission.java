package io.zkworkflow.task;

/**
 * One element of {@link TaskClient#submitAll(java.util.List)}: what
 * {@link TaskClient#submit(String, Object, SubmitOptions)} takes, as a value.
 *
 * @param name the task name
 * @param payload the payload, turned into JSON with the application's mapper
 * @param options the options (idempotency key, delay, attributes)
 */
public record TaskSubmission(String name, Object payload, SubmitOptions options) {

	/**
	 * Return a submission without options.
	 * @param name the task name
	 * @param payload the payload
	 * @return the submission
	 */
	public static TaskSubmission of(String name, Object payload) {
		return new TaskSubmission(name, payload, SubmitOptions.none());
	}

}
