package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.StatusSection;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * The {@code instances} section: every instance registered in discovery, with the task names it
 * serves and, for zk-workflow members, each name's free capacity (from the member nodes).
 */
public final class InstancesStatusSection implements StatusSection {

	/** Discovery metadata key naming an instance's zk-workflow member id. */
	public static final String MEMBER_METADATA_KEY = "zk-workflow.member";

	private final ObjectProvider<DiscoveryClient> discovery;

	private final MemberDirectory members;

	public InstancesStatusSection(ObjectProvider<DiscoveryClient> discovery, MemberDirectory members) {
		this.discovery = discovery;
		this.members = members;
	}

	@Override
	public String sectionName() {
		return "instances";
	}

	@Override
	public Object snapshot() {
		Map<String, Map<String, MemberRecord.Capacity>> capacityByMember = new LinkedHashMap<>();
		this.members.servingByName()
			.forEach((name, byMember) -> byMember.forEach((member, capacity) -> capacityByMember
				.computeIfAbsent(member, (key) -> new LinkedHashMap<>())
				.put(name, capacity)));
		List<Map<String, Object>> rows = new ArrayList<>();
		DiscoveryClient client = this.discovery.getIfAvailable();
		if (client == null) {
			return rows;
		}
		for (String service : client.getServices()) {
			for (ServiceInstance instance : client.getInstances(service)) {
				String member = instance.getMetadata().get(MEMBER_METADATA_KEY);
				Map<String, Object> row = new LinkedHashMap<>();
				row.put("service", service);
				row.put("instanceId", instance.getInstanceId());
				row.put("address", instance.getHost() + ":" + instance.getPort());
				row.put("member", member);
				row.put("self", this.members.instanceId().equals(member));
				row.put("tasks", (member != null) ? capacityByMember.getOrDefault(member, Map.of()) : Map.of());
				rows.add(row);
			}
		}
		return rows;
	}

}
