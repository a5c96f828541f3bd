package io.zkworkflow.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Turns names and keys into single znode names. Two kinds of input:
 * <ul>
 * <li>names the user declares (task names, lock names) must already be safe and are validated
 * with {@link #checkName}, so that a bad one fails at startup with a clear message;</li>
 * <li>keys computed at run time (lock keys, idempotency keys) are encoded with
 * {@link #encodeKey}: any string becomes exactly one znode name, never a path.</li>
 * </ul>
 */
public final class ZnodeNames {

	/** Longest name accepted for declared names and encoded keys before hashing. */
	public static final int MAX_LENGTH = 200;

	/**
	 * Longest id (task uid, workflow id) or configuration key accepted from a caller: ids that
	 * zk-workflow makes are far shorter, and a longer one could only send an oversized request.
	 */
	public static final int MAX_ID_LENGTH = 512;

	private static final Pattern DECLARED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

	private ZnodeNames() {
	}

	/**
	 * Return why {@code name} is not a safe declared name, or {@code null} when it is. Safe
	 * names are 1 to {@value #MAX_LENGTH} characters of letters, digits, '.', '_' and '-',
	 * starting with a letter or digit.
	 * @param name the candidate name
	 * @return the problem, or {@code null}
	 */
	public static @Nullable String checkName(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return "must not be empty";
		}
		if (name.length() > MAX_LENGTH) {
			return "must be at most " + MAX_LENGTH + " characters (it has " + name.length() + ")";
		}
		if (!DECLARED_NAME.matcher(name).matches()) {
			return "may only contain letters, digits, '.', '_' and '-', and must start with a letter or digit";
		}
		return null;
	}

	/**
	 * Encode an arbitrary, non-empty key as one znode name. Letters, digits, '-', '_' and '.'
	 * are kept; every other character (including '/', control characters and non-ASCII) is
	 * percent-encoded as UTF-8 bytes; a result that would be '.' or '..' or longer than
	 * {@value #MAX_LENGTH} characters is replaced by a prefix plus a SHA-256 hash, so distinct
	 * keys stay distinct.
	 * @param key the key
	 * @return a single safe znode name
	 */
	public static String encodeKey(String key) {
		if (key.isEmpty()) {
			throw new IllegalArgumentException("A key must not be empty");
		}
		StringBuilder out = new StringBuilder(key.length() + 8);
		for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.') {
				out.append((char) c);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		String encoded = out.toString();
		if (encoded.length() > MAX_LENGTH || encoded.equals(".") || encoded.equals("..")) {
			String prefix = encoded.substring(0, Math.min(40, encoded.length())).replace('.', '_');
			return prefix + "~" + sha256(key);
		}
		return encoded;
	}

	/**
	 * Throw unless {@code segment} is one znode name (no '/', not '.' or '..', not empty).
	 * @param segment the segment to check
	 */
	public static void requireSegment(String segment) {
		if (segment.isEmpty() || segment.indexOf('/') >= 0 || segment.equals(".") || segment.equals("..")
				|| segment.indexOf('\0') >= 0) {
			throw new IllegalArgumentException(InputText.quote(segment) + " is not a single znode name");
		}
	}

	/**
	 * Return why {@code id} cannot be one znode name of an id, or {@code null} when it can: not
	 * empty, at most {@value #MAX_ID_LENGTH} characters, no '/', not '.' or '..', no control
	 * characters.
	 * @param id the candidate id
	 * @return the problem, or {@code null}
	 */
	public static @Nullable String checkId(@Nullable String id) {
		if (id == null || id.isEmpty()) {
			return "must not be empty";
		}
		if (id.length() > MAX_ID_LENGTH) {
			return "must be at most " + MAX_ID_LENGTH + " characters (it has " + id.length() + ")";
		}
		if (id.indexOf('/') >= 0 || id.equals(".") || id.equals("..") || id.chars().anyMatch(Character::isISOControl)) {
			return "must be one znode name: no '/', not '.' or '..', no control characters";
		}
		return null;
	}

	private static String sha256(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
