package io.zkworkflow.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.zkworkflow.config.ZkConfigValidator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Everything live configuration works with, gathered by the auto-configuration.
 *
 * @param curator the one client, looked up only once the context is refreshed (so that an
 * application's own client is neither created early nor called into while beans are created)
 * @param paths the configuration contexts
 * @param options the settings
 * @param environment the Environment the live PropertySource goes into
 * @param propertySource the live PropertySource
 * @param jsonMapper the application's Jackson mapper
 * @param converter text to typed values
 * @param validation Bean Validation, or {@link ValueValidation#NONE}
 * @param sensitiveKeys which values to mask
 * @param dispatcher runs listeners
 * @param snapshot the snapshot file, or {@code null}
 * @param rejections records refused values
 * @param metrics metrics
 * @param validators the validator beans, looked up when loading starts
 * @param configurationProperties trial binding and rebinding of
 * {@code @ConfigurationProperties} beans
 */
public record ConfigApplierSettings(Supplier<CuratorFramework> curator, ConfigPaths paths, ConfigOptions options,
		ConfigurableEnvironment environment, ZkConfigPropertySource propertySource, JsonMapper jsonMapper,
		ValueConverter converter, ValueValidation validation, SensitiveKeys sensitiveKeys, ListenerDispatcher dispatcher,
		@Nullable SnapshotFile snapshot, Rejections rejections, ConfigMetrics metrics,
		Supplier<List<ZkConfigValidator>> validators, ConfigurationPropertiesSupport configurationProperties) {

	/**
	 * Return the startup error for a required key without a value.
	 * @param key the key
	 * @param injectionPoint the injection point that requires it
	 * @return a message naming the key, the znodes searched and how to fix it
	 */
	String missingRequiredKey(String key, String injectionPoint) {
		return "Required configuration key '" + key + "' of " + injectionPoint + " has no value: searched the znodes "
				+ searchedPaths(this.paths, key)
				+ ((this.snapshot != null) ? " and the snapshot file " + this.snapshot.path() : "")
				+ ". Create one of these znodes, or give @ZkConfigValue a defaultValue.";
	}

	/**
	 * Return the znodes a key is looked up in, for error messages.
	 * @param paths the contexts
	 * @param key the key
	 * @return the znode paths, lowest precedence first
	 */
	static List<String> searchedPaths(ConfigPaths paths, String key) {
		if (key.startsWith("/")) {
			return List.of(key);
		}
		List<String> searched = new ArrayList<>();
		for (String context : paths.contexts()) {
			searched.add(ZKPaths.makePath(context, key));
			if (key.contains(".")) {
				searched.add(ZKPaths.makePath(context, key.replace('.', '/')));
			}
		}
		return searched;
	}

}
