package io.zkworkflow.benchmarks;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Options for individual subjects, given on the command line as {@code --name=value} (e.g.
 * {@code --queue-items=20000}). Subjects read them with a default; options no subject read are
 * reported after the run, so a typo does not go unnoticed.
 */
public final class SubjectOptions {

	private final Map<String, String> values;

	private final boolean shortMode;

	private final Set<String> read = ConcurrentHashMap.newKeySet();

	/**
	 * Create options from name-value pairs.
	 * @param values option names (without {@code --}) to values
	 * @param shortMode whether the run is a quick check ({@code --mode=short})
	 */
	public SubjectOptions(Map<String, String> values, boolean shortMode) {
		this.values = new TreeMap<>(values);
		this.shortMode = shortMode;
	}

	/**
	 * Whether the run is a quick check; subjects sized by work rather than by the window
	 * (e.g. a number of queue items) use a smaller default then.
	 * @return {@code true} for {@code --mode=short}
	 */
	public boolean shortMode() {
		return this.shortMode;
	}

	/**
	 * Return an integer option.
	 * @param name the option name without {@code --}
	 * @param defaultValue the value when the option is not given
	 * @return the value
	 * @throws IllegalArgumentException when the value is not a positive integer
	 */
	public int positiveInt(String name, int defaultValue) {
		this.read.add(name);
		String value = this.values.get(name);
		if (value == null) {
			return defaultValue;
		}
		try {
			int parsed = Integer.parseInt(value.replace("_", "").replace(",", ""));
			if (parsed > 0) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(
				"--" + name + "=" + value + " is not a positive integer; use e.g. --" + name + "=" + defaultValue);
	}

	/**
	 * Return a boolean option.
	 * @param name the option name without {@code --}
	 * @param defaultValue the value when the option is not given
	 * @return the value
	 * @throws IllegalArgumentException when the value is neither {@code true} nor {@code false}
	 */
	public boolean flag(String name, boolean defaultValue) {
		this.read.add(name);
		String value = this.values.get(name);
		if (value == null) {
			return defaultValue;
		}
		if (value.equals("true") || value.equals("false")) {
			return Boolean.parseBoolean(value);
		}
		throw new IllegalArgumentException("--" + name + "=" + value + " must be true or false");
	}

	/**
	 * Return the options given on the command line that no subject has read.
	 * @return option names, sorted
	 */
	public Set<String> unread() {
		Set<String> unread = new java.util.TreeSet<>(this.values.keySet());
		unread.removeAll(this.read);
		return unread;
	}

	/**
	 * Return every option given, for the report's header.
	 * @return name to value, sorted
	 */
	public Map<String, String> given() {
		return this.values;
	}

}
