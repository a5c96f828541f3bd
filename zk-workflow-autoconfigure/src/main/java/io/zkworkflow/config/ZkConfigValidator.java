package io.zkworkflow.config;

import org.jspecify.annotations.Nullable;

/**
 * A bean that vets every new configuration value before it is applied, in addition to
 * conversion and Bean Validation. Runs on the apply thread (and in
 * {@link ZkConfigTemplate#publish} before writing): keep it fast, and free of ZooKeeper calls.
 * Validator beans are looked up when the configuration loads, once the context is refreshed;
 * values from ZooKeeper injected into them are bound like any other bean's.
 */
@FunctionalInterface
public interface ZkConfigValidator {

	/**
	 * Check one new value.
	 * @param key the property key (or absolute znode path)
	 * @param value the new raw value, {@code null} when the znode is being deleted
	 * @return why the value is refused (shown in the rejection event, log and actuator), or
	 * {@code null} to accept it
	 */
	@Nullable String validate(String key, @Nullable String value);

}
