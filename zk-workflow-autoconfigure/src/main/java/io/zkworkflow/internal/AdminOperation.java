package io.zkworkflow.internal;

import java.util.Map;
import java.util.function.Function;

/**
 * A write operation offered through the {@code zkworkflow} actuator endpoint and the
 * dashboard: retry or purge a dead letter, cancel a pending task.
 * Operations run only when {@code management.endpoint.zkworkflow.access=unrestricted} and, with Spring
 * Security present, only for users with the configured role.
 */
public interface AdminOperation {

	/**
	 * Return the section the operation belongs to ({@code tasks}, {@code workflows},
	 * {@code config}).
	 * @return the section name
	 */
	String section();

	/**
	 * Return the operation's name within its section, such as {@code retry} or {@code cancel}.
	 * @return the operation name
	 */
	String name();

	/**
	 * Perform the operation.
	 * @param arguments the request's arguments ({@code id}, {@code key}, {@code value}), absent
	 * ones omitted
	 * @return a JSON-friendly result
	 * @throws IllegalArgumentException when an argument is missing or wrong; the message is
	 * returned to the caller
	 */
	Object invoke(Map<String, String> arguments);

	/**
	 * Return an operation that acts on one object named by its {@code id} argument.
	 * @param section the section
	 * @param name the operation's name
	 * @param what what the id names, for the message when it is missing ({@code the task id})
	 * @param example an example id, for the same message
	 * @param action what to do with the id; returns a JSON-friendly result
	 * @return the operation
	 */
	static AdminOperation onId(String section, String name, String what, String example,
			Function<String, Object> action) {
		return new AdminOperation() {
			@Override
			public String section() {
				return section;
			}

			@Override
			public String name() {
				return name;
			}

			@Override
			public Object invoke(Map<String, String> arguments) {
				String id = arguments.get("id");
				if (id == null || id.isBlank()) {
					throw new IllegalArgumentException(
							section + "/" + name + " needs " + what + ", as {\"id\": \"" + example + "\"}");
				}
				return action.apply(id);
			}
		};
	}

}
