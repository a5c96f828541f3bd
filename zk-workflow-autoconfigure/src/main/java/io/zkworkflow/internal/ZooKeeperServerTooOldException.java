package io.zkworkflow.internal;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when the ZooKeeper server does not support persistent watches
 * ({@code addWatch}, added in ZooKeeper 3.6), which zk-workflow relies on.
 */
public class ZooKeeperServerTooOldException extends RuntimeException {

	/** The oldest ZooKeeper server version zk-workflow works with. */
	public static final String MINIMUM_VERSION = "3.6.0";

	private final String connectString;

	private final @Nullable String serverVersion;

	/**
	 * Create the exception.
	 * @param connectString the connect string of the ensemble that was probed
	 * @param serverVersion the version the server reported, or {@code null} when unknown
	 */
	public ZooKeeperServerTooOldException(String connectString, @Nullable String serverVersion) {
		super("The ZooKeeper server at '" + connectString + "' runs " + describe(serverVersion)
				+ " and does not support persistent watches; zk-workflow needs ZooKeeper " + MINIMUM_VERSION
				+ " or later. Upgrade the ZooKeeper servers to 3.6 or later.");
		this.connectString = connectString;
		this.serverVersion = serverVersion;
	}

	/**
	 * Return the connect string of the ensemble that was probed.
	 * @return the connect string
	 */
	public String getConnectString() {
		return this.connectString;
	}

	/**
	 * Return the version the server reported through the {@code srvr} four-letter word.
	 * @return the version, or {@code null} when the server did not say (four-letter words off)
	 */
	public @Nullable String getServerVersion() {
		return this.serverVersion;
	}

	/**
	 * Describe the server's version for a message: {@code "ZooKeeper 3.5.10"}, or
	 * {@code "an unknown version"} when it could not be read.
	 * @param serverVersion the version, or {@code null}
	 * @return the description
	 */
	public static String describe(@Nullable String serverVersion) {
		return (serverVersion != null) ? "ZooKeeper " + serverVersion
				: "an unknown version (the 'srvr' four-letter word did not answer)";
	}

}
