package io.zkworkflow.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The opaque cursor of a paged listing: the last index entry read, bound to the query that
 * read it and sealed with a checksum, so that a cursor cut, altered or taken to another query
 * is refused with a clear error instead of silently listing something else. It is not a
 * secret: a forged cursor could only position a read the caller may make anyway.
 */
public final class ListCursor {

	/** Longest cursor accepted; longer ones are refused before anything is decoded. */
	public static final int MAX_LENGTH = 1024;

	private static final String VERSION = "1";

	private ListCursor() {
	}

	/**
	 * Return the cursor continuing after {@code entry}.
	 * @param query a canonical description of the query's filters
	 * @param entry the last entry read
	 * @return the cursor
	 */
	public static String encode(String query, String entry) {
		String body = VERSION + "|" + fingerprint(query) + "|" + entry;
		String sealed = body + "|" + checksum(body);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the entry a cursor continues after.
	 * @param what what is listed, for messages ({@code task}, {@code workflow})
	 * @param query a canonical description of the query's filters
	 * @param cursor the cursor
	 * @return the last entry read by the previous page
	 * @throws IllegalArgumentException if the cursor is too long, malformed, altered or belongs
	 * to another query
	 */
	public static String decode(String what, String query, String cursor) {
		if (cursor.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("The " + what + " list cursor " + InputText.quote(cursor)
					+ " is longer than " + MAX_LENGTH + " characters, so list never returned it; pass nextCursor "
					+ "of the previous page unchanged, or no cursor for the first page");
		}
		String text;
		try {
			text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw malformed(what, cursor);
		}
		int last = text.lastIndexOf('|');
		String[] parts = (last > 0) ? text.substring(0, last).split("\\|", 3) : new String[0];
		if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()
				|| !text.substring(last + 1).equals(checksum(text.substring(0, last)))) {
			throw malformed(what, cursor);
		}
		if (!parts[1].equals(fingerprint(query))) {
			throw new IllegalArgumentException("The " + what + " list cursor " + InputText.quote(cursor)
					+ " belongs to another query; a cursor continues only the query that returned it (same name, "
					+ "states and time range): repeat that query, or start again without a cursor");
		}
		return parts[2];
	}

	/**
	 * Return the error for a cursor that decodes but names no entry of the index.
	 * @param what what is listed
	 * @param cursor the cursor
	 * @return the exception to throw
	 */
	public static IllegalArgumentException malformed(String what, String cursor) {
		return new IllegalArgumentException("The " + what + " list cursor " + InputText.quote(cursor)
				+ " is not one that list returned (malformed or altered); pass nextCursor of the previous page "
				+ "unchanged, or no cursor for the first page");
	}

	private static String fingerprint(String query) {
		return checksum(query);
	}

	private static String checksum(String text) {
		CRC32 crc = new CRC32();
		crc.update(text.getBytes(StandardCharsets.UTF_8));
		return Long.toString(crc.getValue(), 36);
	}

}
