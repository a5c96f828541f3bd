package io.zkworkflow.workflow;

/**
 * Thrown when a schedule name matches no schedule (or, unqualified, both a task and a
 * workflow schedule).
 */
public class UnknownScheduleException extends IllegalArgumentException {

	private final String name;

	public UnknownScheduleException(String name, String message) {
		super(message);
		this.name = name;
	}

	/**
	 * Return the name asked for.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

}
