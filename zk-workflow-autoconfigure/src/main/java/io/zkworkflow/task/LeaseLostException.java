package io.zkworkflow.task;

/**
 * Thrown by {@link TaskContext#fencingToken()} when the attempt's lease no longer exists
 * (the session expired, the attempt timed out or was handed back).
 */
public class LeaseLostException extends RuntimeException {

	public LeaseLostException(String message) {
		super(message);
	}

}
