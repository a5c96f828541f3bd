package io.zkworkflow.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.ScheduleClient;
import io.zkworkflow.workflow.ScheduleInfo;
import io.zkworkflow.workflow.ScheduleSpec;
import io.zkworkflow.workflow.ScheduledFire;
import io.zkworkflow.workflow.StartOptions;
import io.zkworkflow.workflow.UnknownScheduleException;
import io.zkworkflow.workflow.WorkflowClient;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * {@link ScheduleClient} on the schedule znodes the {@link ScheduleFirer} keeps. Pausing
 * and resuming rewrite the znode with its version checked, so a firing round that read the
 * state before the change loses its race and commits nothing. Resuming moves the last
 * handled tick to now, so the ticks due while paused are neither fired nor counted as
 * missed. Triggering submits the task (or starts the workflow) directly with a fresh
 * idempotency key: one call, one fire, whichever instance leads.
 */
public final class ZkScheduleClient implements ScheduleClient {

	private final ScheduleRegistry schedules;

	private final WorkflowStore store;

	private final TaskClient tasks;

	private final WorkflowClient workflows;

	public ZkScheduleClient(ScheduleRegistry schedules, WorkflowStore store, TaskClient tasks,
			WorkflowClient workflows) {
		this.schedules = schedules;
		this.store = store;
		this.tasks = tasks;
		this.workflows = workflows;
	}

	@Override
	public List<ScheduleInfo> list() {
		List<ScheduleInfo> result = new ArrayList<>();
		for (CronSchedule schedule : this.schedules.all()) {
			result.add(info(schedule, read(schedule, null)));
		}
		return result;
	}

	@Override
	public ScheduleInfo get(String name) {
		CronSchedule schedule = find(name);
		return info(schedule, read(schedule, null));
	}

	@Override
	public ScheduleInfo pause(String name) {
		return change(find(name), true);
	}

	@Override
	public ScheduleInfo resume(String name) {
		return change(find(name), false);
	}

	@Override
	public void trigger(String name) {
		CronSchedule schedule = find(name);
		Instant now = Instant.now();
		Object payload = (schedule.payload() != null) ? schedule.payload()
				: new ScheduledFire(schedule.name(), now, now, false);
		String key = schedule.node() + "@manual-" + UUID.randomUUID();
		if (schedule.kind() == CronSchedule.Kind.TASK) {
			this.tasks.submit(schedule.target(), payload, SubmitOptions.idempotencyKey(key));
		}
		else {
			this.workflows.start(schedule.target(), payload, StartOptions.idempotencyKey(key));
		}
	}

	@Override
	public ScheduleInfo create(ScheduleSpec spec) {
		Set<String> taken = new HashSet<>();
		this.schedules.declared().forEach((schedule) -> taken.add(schedule.name()));
		runtime().create(spec, taken);
		return get("runtime." + spec.name());
	}

	@Override
	public ScheduleInfo update(ScheduleSpec spec) {
		runtime().update(spec);
		return get("runtime." + spec.name());
	}

	@Override
	public void delete(String name) {
		CronSchedule schedule = runtime().all().stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow(() -> RuntimeSchedules.unknown(name));
		runtime().delete(schedule);
	}

	private RuntimeSchedules runtime() {
		RuntimeSchedules runtime = this.schedules.runtime();
		if (runtime == null) {
			throw new IllegalStateException("Runtime schedules are not available: the schedule registry was "
					+ "created without them");
		}
		return runtime;
	}

	private ScheduleInfo change(CronSchedule schedule, boolean paused) {
		CuratorFramework curator = this.store.curator();
		String path = this.store.paths().schedule(schedule.node());
		while (true) {
			Stat stat = new Stat();
			ScheduleState state = read(schedule, stat);
			long now = System.currentTimeMillis();
			try {
				if (state == null) {
					ScheduleState initial = new ScheduleState(schedule.cron(), schedule.zone().getId(), now, 0, paused);
					curator.create().creatingParentsIfNeeded().forPath(path, this.store.codec().write(initial));
					return info(schedule, initial);
				}
				if (state.paused() == paused) {
					return info(schedule, state);
				}
				// resuming starts afresh from now: ticks due while paused are not misfires
				ScheduleState next = state.withPaused(paused, paused ? state.lastTick() : now);
				curator.setData().withVersion(stat.getVersion()).forPath(path, this.store.codec().write(next));
				return info(schedule, next);
			}
			catch (KeeperException.BadVersionException | KeeperException.NodeExistsException raced) {
				// the coordinator fired meanwhile or another instance changed it: read again
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not " + (paused ? "pause" : "resume") + " schedule '"
						+ schedule.name() + "': " + ex, ex);
			}
		}
	}

	private @Nullable ScheduleState read(CronSchedule schedule, @Nullable Stat stat) {
		String path = this.store.paths().schedule(schedule.node());
		try {
			byte[] data = (stat != null) ? this.store.curator().getData().storingStatIn(stat).forPath(path)
					: this.store.curator().getData().forPath(path);
			return this.store.codec().read(data, ScheduleState.class);
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read schedule '" + schedule.name() + "': " + ex, ex);
		}
	}

	private static ScheduleInfo info(CronSchedule schedule, @Nullable ScheduleState state) {
		boolean paused = state != null && state.paused();
		Instant next = paused ? null : schedule.next(Instant.now());
		Instant lastFired = (state != null && state.lastFired() > 0) ? Instant.ofEpochMilli(state.lastFired()) : null;
		return new ScheduleInfo(schedule.name(), ScheduleInfo.Kind.valueOf(schedule.kind().name()), schedule.cron(),
				schedule.zone(), paused, next, lastFired);
	}

	private CronSchedule find(String name) {
		List<CronSchedule> matches = new ArrayList<>();
		List<String> known = new ArrayList<>();
		for (CronSchedule schedule : this.schedules.all()) {
			known.add(schedule.node());
			if (schedule.node().equals(name)) {
				return schedule;
			}
			if (schedule.name().equals(name)) {
				matches.add(schedule);
			}
		}
		if (matches.size() == 1) {
			return matches.get(0);
		}
		if (matches.size() > 1) {
			throw new UnknownScheduleException(name, "Schedule name '" + name + "' is both a task and a workflow "
					+ "schedule; qualify it as 'task." + name + "' or 'workflow." + name + "'.");
		}
		throw new UnknownScheduleException(name, "No cron schedule is named " + InputText.quote(name)
				+ "; schedules are declared with @WorkflowTask(cron = ...) or WorkflowDefinition.schedule(...). "
				+ "Known: " + (known.isEmpty() ? "none" : String.join(", ", known)) + ".");
	}

}
