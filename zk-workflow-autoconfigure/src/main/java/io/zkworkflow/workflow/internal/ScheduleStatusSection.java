package io.zkworkflow.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.zkworkflow.internal.StatusSection;
import io.zkworkflow.workflow.MisfirePolicy;
import org.apache.zookeeper.KeeperException;

/**
 * The {@code schedules} section of the {@code zkworkflow} endpoint: every cron schedule with
 * its expression, zone, misfire policy, last handled and fired ticks, whether it is paused
 * and next fire time.
 */
public final class ScheduleStatusSection implements StatusSection {

	private final ScheduleRegistry schedules;

	private final WorkflowStore store;

	private final MisfirePolicy defaultPolicy;

	public ScheduleStatusSection(ScheduleRegistry schedules, WorkflowStore store, MisfirePolicy defaultPolicy) {
		this.schedules = schedules;
		this.store = store;
		this.defaultPolicy = defaultPolicy;
	}

	@Override
	public String sectionName() {
		return "schedules";
	}

	@Override
	public Object snapshot() {
		List<Map<String, Object>> result = new ArrayList<>();
		Instant now = Instant.now();
		for (CronSchedule schedule : this.schedules.all()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", schedule.name());
			entry.put("kind", schedule.kind().name());
			entry.put("cron", schedule.cron());
			entry.put("zone", schedule.zone().getId());
			entry.put("misfire", ((schedule.misfire() != null) ? schedule.misfire() : this.defaultPolicy).name());
			entry.put("nextFireTime", schedule.next(now));
			try {
				byte[] data = this.store.curator().getData().forPath(this.store.paths().schedule(schedule.node()));
				ScheduleState state = this.store.codec().read(data, ScheduleState.class);
				entry.put("lastTick", Instant.ofEpochMilli(state.lastTick()));
				entry.put("lastFired", (state.lastFired() > 0) ? Instant.ofEpochMilli(state.lastFired()) : null);
				entry.put("paused", state.paused());
				if (state.paused()) {
					entry.put("nextFireTime", null);
				}
			}
			catch (KeeperException.NoNodeException ex) {
				entry.put("lastTick", null);
			}
			catch (Exception ex) {
				entry.put("error", "Could not read the schedule state: " + ex);
			}
			result.add(entry);
		}
		return result;
	}

}
