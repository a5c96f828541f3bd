package io.zkworkflow.internal;

import java.util.List;
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
	 * Perform the operation on the request's arguments and its list of ids (one per line in {@code "ids"}),
	 * for operations on many objects at once. The endpoint bounds the list before this runs.
	 * Operations on one object ignore the list.
	 * @param arguments the request's single arguments
	 * @param ids the request's ids, empty when it sent none
	 * @return a JSON-friendly result
	 */
	default Object invoke(Map<String, String> arguments, List<String> ids) {
		return invoke(arguments);
	}

	/**
	 * Return an operation on the objects named by the request's {@code ids} list.
	 * @param section the section
	 * @param name the operation's name
	 * @param example an example id, for the message when the list is missing
	 * @param action what to do with the ids; returns a JSON-friendly result
	 * @return the operation
	 */
	static AdminOperation onIds(String section, String name, String example, Function<List<String>, Object> action) {
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
				return invoke(arguments, List.of());
			}

			@Override
			public Object invoke(Map<String, String> arguments, List<String> ids) {
				if (ids.isEmpty()) {
					throw new IllegalArgumentException(
							section + "/" + name + " needs a list of ids, one per line, as {\"ids\": \"" + example + "\\n...\"}");
				}
				return action.apply(ids);
			}
		};
	}

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
