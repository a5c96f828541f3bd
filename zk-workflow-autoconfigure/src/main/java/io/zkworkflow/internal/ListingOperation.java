package io.zkworkflow.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * A read operation of the {@code zkworkflow} actuator endpoint that lists one page of a
 * section's objects, such as {@code GET /actuator/zkworkflow/tasks/list?name=send-invoice&state=DEAD}.
 * Reads only: allowed wherever the endpoint's read operations are.
 */
public interface ListingOperation {

	/**
	 * Return the section the listing belongs to ({@code tasks}, {@code workflows}).
	 * @return the section name
	 */
	String section();

	/**
	 * List one page.
	 * @param arguments the request's arguments ({@code name}, {@code state}, {@code cursor},
	 * {@code size}), absent ones omitted
	 * @return a JSON-friendly page: {@code items} and {@code nextCursor}
	 * @throws IllegalArgumentException when an argument is missing or wrong; the message is
	 * returned to the caller
	 */
	Object list(Map<String, String> arguments);

	/**
	 * Return the page size argument.
	 * @param arguments the arguments
	 * @param fallback the size when none is given
	 * @return the size
	 * @throws IllegalArgumentException if it is not a number
	 */
	static int size(Map<String, String> arguments, int fallback) {
		String size = arguments.get("size");
		if (size == null) {
			return fallback;
		}
		try {
			return Integer.parseInt(size.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("The page size " + InputText.quote(size) + " is not a number");
		}
	}

	/**
	 * Return the {@code name} argument.
	 * @param arguments the arguments
	 * @param what what the name names, for the message when it is missing
	 * @param example an example, for the same message
	 * @return the name
	 * @throws IllegalArgumentException if it is missing
	 */
	static String name(Map<String, String> arguments, String what, String example) {
		String name = arguments.get("name");
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("Listing needs " + what + " as ?name=" + example);
		}
		return name;
	}

	/**
	 * Parse a comma-separated {@code state} argument.
	 * @param <E> the state type
	 * @param arguments the arguments
	 * @param type the state enum
	 * @param what what the states are of, for messages ({@code task})
	 * @return the states, {@code null} for none given
	 * @throws IllegalArgumentException if a state is unknown
	 */
	static <E extends Enum<E>> E[] states(Map<String, String> arguments, Class<E> type, String what) {
		String states = arguments.get("state");
		E[] all = type.getEnumConstants();
		if (states == null || states.isBlank()) {
			return Arrays.copyOf(all, 0);
		}
		String[] names = states.split(",");
		E[] result = Arrays.copyOf(all, names.length);
		for (int i = 0; i < names.length; i++) {
			try {
				result[i] = Enum.valueOf(type, names[i].strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Unknown " + what + " state " + InputText.quote(names[i].strip())
						+ "; use one or more of " + Arrays.toString(all) + ", separated by commas");
			}
		}
		return result;
	}

}
