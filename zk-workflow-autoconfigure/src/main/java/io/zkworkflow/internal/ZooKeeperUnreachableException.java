package io.zkworkflow.internal;

import java.time.Duration;

/**
 * Thrown at startup, with {@code zk-workflow.fail-fast=true}, when no ZooKeeper server answered
 * within the connection wait.
 */
public class ZooKeeperUnreachableException extends RuntimeException {

	private final String connectString;

	private final Duration waited;

	public ZooKeeperUnreachableException(String connectString, Duration waited) {
		super("No ZooKeeper server at '" + connectString + "' answered within " + waited);
		this.connectString = connectString;
		this.waited = waited;
	}

	/**
	 * Return the connect string that was tried.
	 * @return the connect string
	 */
	public String getConnectString() {
		return this.connectString;
	}

	/**
	 * Return how long startup waited for a connection.
	 * @return the wait
	 */
	public Duration getWaited() {
		return this.waited;
	}

}
