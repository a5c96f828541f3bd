package io.zkworkflow.config.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.zkworkflow.config.ZkConfigValidator;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether one key's new value may be applied: a required key may not disappear,
 * every {@link ZkConfigValidator} must accept it, and every injection point bound to the key
 * must convert and validate it.
 */
final class KeyChecker {

	private final Map<String, List<ConfigBinding>> bindings;

	private final ConfigurationPropertiesSupport configurationProperties;

	private volatile List<ZkConfigValidator> validators = List.of();

	KeyChecker(Map<String, List<ConfigBinding>> bindings, ConfigurationPropertiesSupport configurationProperties) {
		this.bindings = bindings;
		this.configurationProperties = configurationProperties;
	}

	void useValidators(List<ZkConfigValidator> validators) {
		this.validators = List.copyOf(validators);
	}

	/**
	 * Check one key, collecting problems, prepared values and the bindings that refused it.
	 */
	void check(String key, @Nullable String raw, Function<String, @Nullable String> lookup,
			List<String> problems, List<Prepared> prepared, List<ConfigBinding> failed) {
		List<ConfigBinding> keyBindings = this.bindings.getOrDefault(key, List.of());
		for (ConfigBinding binding : keyBindings) {
			if (raw == null && binding instanceof ZkConfigValueBinding zk && zk.annotation().required()) {
				problems.add("'" + key + "' is required by " + binding.description() + ", so its znode cannot be "
						+ "deleted; the last value stays");
			}
		}
		for (ZkConfigValidator validator : this.validators) {
			String problem = validator.validate(key, raw);
			if (problem != null) {
				problems.add(validator.getClass().getSimpleName() + ": " + problem);
			}
		}
		for (ConfigBinding binding : keyBindings) {
			try {
				prepared.add(new Prepared(binding, binding.prepare(lookup)));
			}
			catch (RuntimeException ex) {
				problems.add(binding.description() + " " + message(ex));
				failed.add(binding);
			}
		}
	}

	/**
	 * Check values about to be published, as if they were applied on top of {@code applied}.
	 */
	List<String> checkPublish(Map<String, RawEntry> applied, Map<String, @Nullable String> values, boolean beansReady) {
		Map<String, RawEntry> trial = new HashMap<>(applied);
		values.forEach((key, value) -> {
			if (value == null) {
				trial.remove(key);
			}
			else {
				trial.put(key, new RawEntry(value, key, -1, Long.MAX_VALUE, null));
			}
		});
		List<String> problems = new ArrayList<>();
		for (Map.Entry<String, @Nullable String> entry : values.entrySet()) {
			check(entry.getKey(), entry.getValue(), (key) -> ConfigDiff.valueOf(trial, key), problems, new ArrayList<>(),
					new ArrayList<>());
		}
		if (problems.isEmpty() && beansReady) {
			String problem = this.configurationProperties.check(values.keySet(), ConfigDiff.propertyValues(trial));
			if (problem != null) {
				problems.add(problem);
			}
		}
		return problems;
	}

	static String message(RuntimeException ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.toString();
	}

	/**
	 * A value ready to be stored in an injection point.
	 *
	 * @param binding the injection point
	 * @param value the converted, validated value
	 */
	record Prepared(ConfigBinding binding, @Nullable Object value) {
	}

}
