package io.zkworkflow.internal;

/**
 * Quotes what a caller sent in an error message, bounded: a message that repeated a 20 MB id
 * would itself become a problem (in logs, in an HTTP answer, in an event).
 */
public final class InputText {

	/** Most characters of the input that a message quotes. */
	public static final int MAX_QUOTED = 200;

	private InputText() {
	}

	/**
	 * Return {@code text} in single quotes, cut after {@value #MAX_QUOTED} characters with its
	 * full length said, so the message stays short and still names what was sent.
	 * @param text what the caller sent
	 * @return the quoted text
	 */
	public static String quote(String text) {
		if (text.length() <= MAX_QUOTED) {
			return "'" + text + "'";
		}
		return "'" + text.substring(0, MAX_QUOTED) + "...' (" + text.length() + " characters)";
	}

}
