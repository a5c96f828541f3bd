package io.zkworkflow.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.zkworkflow.internal.DegradedState;
import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.internal.ValueDisclosure;
import org.jspecify.annotations.Nullable;

/**
 * The {@code config} section of the {@code zkworkflow} actuator endpoint: where the
 * configuration comes from (and whether it is degraded to the snapshot file), and for each key
 * its masked value, source, znode and version, last change, last rejection and the injection
 * points bound to it.
 */
public final class ConfigStatusSection implements StatusSection, DegradedState {

	private final ConfigApplier applier;

	public ConfigStatusSection(ConfigApplier applier) {
		this.applier = applier;
	}

	@Override
	public String sectionName() {
		return "config";
	}

	/**
	 * Whether the configuration in use comes from the snapshot file, ZooKeeper being unreachable.
	 * @return {@code true} when degraded
	 */
	public boolean isDegraded() {
		return this.applier.state().source() == ConfigSource.SNAPSHOT;
	}

	@Override
	public @Nullable String degradedReason() {
		return isDegraded() ? "configuration comes from the snapshot file until ZooKeeper is reachable" : null;
	}

	@Override
	public Object snapshot() {
		return snapshot(ValueDisclosure.NONE);
	}

	@Override
	public Object snapshot(ValueDisclosure disclosure) {
		Map<String, Object> section = new LinkedHashMap<>();
		ConfigSource source = this.applier.state().source();
		section.put("source", source.name().toLowerCase());
		section.put("degraded", source == ConfigSource.SNAPSHOT);
		section.put("contexts", this.applier.settings().paths().contexts());
		SensitiveKeys sensitive = this.applier.settings().sensitiveKeys();
		Map<String, RawEntry> applied = this.applier.state().applied();
		TreeSet<String> keys = new TreeSet<>(applied.keySet());
		this.applier.bindings().byKey().forEach((key, bindings) -> {
			if (!bindings.isEmpty()) {
				keys.add(key);
			}
		});
		keys.addAll(this.applier.state().statuses().keySet());
		Map<String, Object> entries = new LinkedHashMap<>();
		for (String key : keys) {
			Map<String, Object> entry = new LinkedHashMap<>();
			RawEntry raw = applied.get(key);
			entry.put("value", (raw != null) ? disclosure.show(key, sensitive.mask(key, raw.value())) : null);
			entry.put("source", (raw == null) ? "default" : source.name().toLowerCase());
			if (raw != null) {
				entry.put("znode", raw.path());
				entry.put("version", raw.version());
			}
			KeyStatus status = this.applier.state().statuses().get(key);
			if (status != null) {
				entry.put("lastApplied", (status.lastApplied != null) ? status.lastApplied.toString() : null);
				KeyStatus.Rejection rejection = status.lastRejection;
				if (rejection != null) {
					Map<String, Object> rejected = new LinkedHashMap<>();
					rejected.put("value", disclosure.show(key, rejection.maskedValue()));
					rejected.put("znode", rejection.znodePath());
					rejected.put("version", rejection.znodeVersion());
					rejected.put("reason", rejection.reason());
					rejected.put("at", rejection.at().toString());
					entry.put("lastRejection", rejected);
				}
			}
			List<String> bound = new ArrayList<>();
			this.applier.bindings().forKey(key).forEach((binding) -> bound.add(binding.description()));
			entry.put("bindings", bound);
			entries.put(key, entry);
		}
		section.put("keys", entries);
		return section;
	}

}
