package io.zkworkflow.lock.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.lock.DistributedLockTemplate;
import io.zkworkflow.lock.LockContext;

/**
 * The {@code locks} section of the {@code zkworkflow} endpoint: the locks this instance holds.
 */
public final class LockStatusSection implements StatusSection {

	private final DistributedLockTemplate template;

	public LockStatusSection(DistributedLockTemplate template) {
		this.template = template;
	}

	@Override
	public String sectionName() {
		return "locks";
	}

	@Override
	public Object snapshot() {
		List<LockContext> held = this.template.heldLocks();
		return held.stream().map(LockStatusSection::describe).toList();
	}

	private static Map<String, Object> describe(LockContext lock) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("name", lock.name());
		entry.put("key", lock.key());
		entry.put("mode", lock.mode().name());
		entry.put("token", lock.fencingToken());
		entry.put("state", lock.state().name());
		entry.put("since", lock.since().toString());
		return entry;
	}

}
