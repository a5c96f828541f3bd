package io.zkworkflow.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;

import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * A {@code user:password} pair for ZooKeeper's digest scheme. The password is never part of
 * {@link #toString()}.
 */
public final class DigestCredentials {

	private final String user;

	private final String password;

	private DigestCredentials(String user, String password) {
		this.user = user;
		this.password = password;
	}

	/**
	 * Parse {@code user:password}.
	 * @param property the property the value came from, for error messages
	 * @param value the value
	 * @return the credentials
	 * @throws IllegalArgumentException naming the property when the value is malformed
	 */
	public static DigestCredentials parse(String property, String value) {
		int colon = value.indexOf(':');
		if (colon <= 0 || colon == value.length() - 1) {
			throw new IllegalArgumentException("Property '" + property
					+ "' must have the form 'user:password' with a non-empty user and password");
		}
		return new DigestCredentials(value.substring(0, colon), value.substring(colon + 1));
	}

	/**
	 * Return the user name.
	 * @return the user
	 */
	public String user() {
		return this.user;
	}

	/**
	 * Return the bytes sent with {@code addAuthInfo("digest", ...)}.
	 * @return the auth bytes
	 */
	public byte[] authBytes() {
		return (this.user + ":" + this.password).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Return the ACL id ({@code digest:user:base64(sha1(user:password))}) of this identity.
	 * @return the id
	 */
	public Id id() {
		try {
			return new Id("digest", DigestAuthenticationProvider.generateDigest(this.user + ":" + this.password));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "digest:" + this.user + ":******";
	}

}
