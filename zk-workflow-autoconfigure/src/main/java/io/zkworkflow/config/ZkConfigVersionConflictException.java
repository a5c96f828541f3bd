package io.zkworkflow.config;

/**
 * Thrown by {@link ZkConfigTemplate#publish(java.util.Map, int)} when the context's version is
 * no longer the expected one: someone published in between. Nothing was written; read the
 * current values and version, and publish again.
 */
public class ZkConfigVersionConflictException extends RuntimeException {

	private final String contextPath;

	private final int expectedVersion;

	public ZkConfigVersionConflictException(String contextPath, int expectedVersion, int actualVersion) {
		super("Configuration context " + contextPath + " is at version " + actualVersion + ", not the expected "
				+ expectedVersion + ": another publish happened in between and nothing was written. "
				+ "Read the current values and version (ZkConfigTemplate#version()) and publish again.");
		this.contextPath = contextPath;
		this.expectedVersion = expectedVersion;
	}

	/**
	 * Return the context whose version did not match.
	 * @return the context znode path
	 */
	public String getContextPath() {
		return this.contextPath;
	}

	/**
	 * Return the version the caller expected.
	 * @return the expected version
	 */
	public int getExpectedVersion() {
		return this.expectedVersion;
	}

}
