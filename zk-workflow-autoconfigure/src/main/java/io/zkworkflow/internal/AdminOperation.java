package io.zkworkflow.internal;

import java.util.Map;

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

}
