package io.zkworkflow.config;

/**
 * Thrown by {@link ZkConfigTemplate} when a value to publish fails local conversion or
 * validation. Nothing was written.
 */
public class ZkConfigRejectedException extends IllegalArgumentException {

	public ZkConfigRejectedException(String message) {
		super(message);
	}

}
