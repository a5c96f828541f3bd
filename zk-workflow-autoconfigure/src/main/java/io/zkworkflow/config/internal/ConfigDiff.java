package io.zkworkflow.config.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.zkworkflow.config.ZkConfigChangeEvent;
import org.jspecify.annotations.Nullable;

/**
 * Compares the applied state with a candidate: which keys changed, grouped into units applied
 * together (all keys of one document znode; otherwise one key), in znode (zxid) order.
 */
final class ConfigDiff {

	private ConfigDiff() {
	}

	/**
	 * Return the changed units, each with its keys.
	 * @param current the applied state
	 * @param candidate the state read from the tree
	 * @param alsoChanged keys to treat as changed even when equal (injection points that fell
	 * back to their default and must get the value again)
	 * @return unit id to keys, in the order to apply them
	 */
	static Map<String, List<String>> changedUnits(Map<String, RawEntry> current, Map<String, RawEntry> candidate,
			Set<String> alsoChanged) {
		Set<String> keys = new HashSet<>(current.keySet());
		keys.addAll(candidate.keySet());
		List<String> changed = new ArrayList<>();
		for (String key : keys) {
			if (!Objects.equals(valueOf(current, key), valueOf(candidate, key)) || alsoChanged.contains(key)) {
				changed.add(key);
			}
		}
		changed.sort(Comparator.comparingLong((String key) -> {
			RawEntry entry = candidate.get(key);
			return (entry != null) ? entry.mzxid() : 0L;
		}).thenComparing(Comparator.naturalOrder()));
		Map<String, List<String>> units = new LinkedHashMap<>();
		for (String key : changed) {
			RawEntry entry = (candidate.get(key) != null) ? candidate.get(key) : current.get(key);
			String unit = (entry != null) ? entry.unitId() : key;
			units.computeIfAbsent(unit, (u) -> new ArrayList<>()).add(key);
		}
		return units;
	}

	static ZkConfigChangeEvent change(String key, @Nullable RawEntry before, @Nullable RawEntry after,
			boolean sensitive) {
		RawEntry where = (after != null) ? after : before;
		return new ZkConfigChangeEvent(key, (before != null) ? before.value() : null,
				(after != null) ? after.value() : null, (where != null) ? where.path() : key,
				(after != null) ? after.version() : -1, sensitive);
	}

	static @Nullable String valueOf(Map<String, RawEntry> entries, String key) {
		RawEntry entry = entries.get(key);
		return (entry != null) ? entry.value() : null;
	}

	/**
	 * Return the property values (exact-znode keys left out).
	 * @param entries the entries
	 * @return key to value
	 */
	static Map<String, String> propertyValues(Map<String, RawEntry> entries) {
		Map<String, String> values = new HashMap<>();
		entries.forEach((key, entry) -> {
			if (!key.startsWith("/")) {
				values.put(key, entry.value());
			}
		});
		return values;
	}

}
