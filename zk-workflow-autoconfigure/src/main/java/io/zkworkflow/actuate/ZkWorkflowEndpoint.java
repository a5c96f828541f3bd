package io.zkworkflow.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.support.StatusSection;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code zkworkflow} actuator endpoint: one JSON document with a section per capability
 * (locks, config, tasks, workflows, ...), each read from a {@link StatusSection} bean.
 */
@Endpoint(id = "zkworkflow")
public class ZkWorkflowEndpoint {

	private final List<StatusSection> sections;

	public ZkWorkflowEndpoint(List<StatusSection> sections) {
		this.sections = sections;
	}

	/**
	 * Return every section.
	 * @return section name to snapshot
	 */
	@ReadOperation
	public Map<String, Object> all() {
		Map<String, Object> result = new LinkedHashMap<>();
		for (StatusSection section : this.sections) {
			result.put(section.sectionName(), section.snapshot());
		}
		return result;
	}

	/**
	 * Return one section, or {@code null} (404) when no section has that name.
	 * @param section the section name
	 * @return the section's snapshot
	 */
	@ReadOperation
	public @Nullable Object section(@Selector String section) {
		for (StatusSection candidate : this.sections) {
			if (candidate.sectionName().equals(section)) {
				return candidate.snapshot();
			}
		}
		return null;
	}

}
