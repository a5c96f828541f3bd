package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.zkworkflow.task.CoordinatorDuty;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.workflow.MisfirePolicy;
import io.zkworkflow.workflow.ScheduledFire;
import io.zkworkflow.workflow.WorkflowDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * Coordinator duty that fires cron ticks. Per schedule and round it reads the last handled
 * tick, plans the due ticks with the misfire policy, and commits one transaction: the
 * version-checked new last tick plus the task submissions (or workflow starts), each with
 * the idempotency key {@code name@fireTime}. Two instances that both believe they lead race
 * on the version; the loser commits nothing, so no tick fires twice. A paused schedule
 * (see {@link ZkScheduleClient}) is not fired.
 */
public final class ScheduleFirer implements CoordinatorDuty {

	private static final Log logger = LogFactory.getLog(ScheduleFirer.class);

	private final ScheduleRegistry schedules;

	private final WorkflowStore store;

	private final TaskClient tasks;

	private final ZkWorkflowClient workflows;

	private final MisfirePolicy defaultPolicy;

	private final Duration threshold;

	private final BooleanSupplier leading;

	private final WorkflowMetrics metrics;

	public ScheduleFirer(ScheduleRegistry schedules, WorkflowStore store, TaskClient tasks, ZkWorkflowClient workflows,
			MisfirePolicy defaultPolicy, Duration threshold, BooleanSupplier leading) {
		this(schedules, store, tasks, workflows, defaultPolicy, threshold, leading, WorkflowMetrics.NONE);
	}

	public ScheduleFirer(ScheduleRegistry schedules, WorkflowStore store, TaskClient tasks, ZkWorkflowClient workflows,
			MisfirePolicy defaultPolicy, Duration threshold, BooleanSupplier leading, WorkflowMetrics metrics) {
		this.metrics = metrics;
		this.schedules = schedules;
		this.store = store;
		this.tasks = tasks;
		this.workflows = workflows;
		this.defaultPolicy = defaultPolicy;
		this.threshold = threshold;
		this.leading = leading;
	}

	@Override
	public void perform() {
		for (CronSchedule schedule : this.schedules.all()) {
			if (!this.leading.getAsBoolean()) {
				return;
			}
			try {
				fire(schedule);
			}
			catch (Exception ex) {
				logger.warn("Schedule '" + schedule.name() + "' could not fire: " + ex, ex);
			}
		}
	}

	private void fire(CronSchedule schedule) throws Exception {
		CuratorFramework curator = this.store.curator();
		String path = this.store.paths().schedule(schedule.node());
		Stat stat = new Stat();
		ScheduleState state;
		try {
			state = this.store.codec().read(curator.getData().storingStatIn(stat).forPath(path), ScheduleState.class);
		}
		catch (KeeperException.NoNodeException ex) {
			ScheduleState initial = new ScheduleState(schedule.cron(), schedule.zone().getId(),
					System.currentTimeMillis(), 0, false);
			try {
				curator.create().creatingParentsIfNeeded().forPath(path, this.store.codec().write(initial));
			}
			catch (KeeperException.NodeExistsException raced) {
				// another coordinator initialized it
			}
			return;
		}
		if (state.paused()) {
			// pausing bumps the znode's version, so a round racing with it commits nothing
			return;
		}
		Instant now = Instant.now();
		MisfirePolicy policy = (schedule.misfire() != null) ? schedule.misfire() : this.defaultPolicy;
		MisfirePlan.Plan plan = MisfirePlan.plan(schedule, Instant.ofEpochMilli(state.lastTick()), now, this.threshold,
				policy);
		if (plan == null) {
			return;
		}
		if (plan.latestMissed() != null) {
			logger.warn("Schedule '" + schedule.name() + "' missed ticks up to " + plan.latestMissed()
					+ " (no coordinator fired them in time); misfire policy " + policy
					+ (policy == MisfirePolicy.FIRE_ONCE ? " fires the latest once" : " skips them"));
		}
		List<MisfirePlan.Fire> fires = new ArrayList<>(plan.fires());
		// a round that only moves past skipped ticks fires nothing: not observed
		WorkflowMetrics.Fire observed = fires.isEmpty() ? WorkflowMetrics.Fire.NONE : this.metrics.startFire(schedule.name(),
				(schedule.kind() == CronSchedule.Kind.TASK) ? "task" : "workflow", schedule.target(),
				fires.stream().map(MisfirePlan.Fire::tick).toList());
		try {
			observed.stop(commit(schedule, path, stat, state, plan, fires, now), null);
		}
		catch (Exception | Error ex) {
			observed.stop("failed", ex);
			throw ex;
		}
	}

	/**
	 * Commit the round, dropping ticks found fired already, and tell how it ended.
	 * @return {@code fired}, {@code already-fired} or {@code raced}
	 */
	private String commit(CronSchedule schedule, String path, Stat stat, ScheduleState state, MisfirePlan.Plan plan,
			List<MisfirePlan.Fire> fires, Instant now) throws Exception {
		CuratorFramework curator = this.store.curator();
		for (int round = 0; round <= plan.fires().size(); round++) {
			long lastFired = fires.isEmpty() ? state.lastFired() : fires.get(fires.size() - 1).tick().toEpochMilli();
			ScheduleState next = new ScheduleState(schedule.cron(), schedule.zone().getId(),
					plan.lastTick().toEpochMilli(), lastFired, false);
			List<CuratorOp> ops = new ArrayList<>();
			ops.add(curator.transactionOp().setData().withVersion(stat.getVersion()).forPath(path,
					this.store.codec().write(next)));
			List<Integer> firstOpOfFire = new ArrayList<>();
			List<Runnable> afterCommit = new ArrayList<>();
			for (MisfirePlan.Fire fire : fires) {
				firstOpOfFire.add(ops.size());
				ops.addAll(prepare(schedule, fire, now, afterCommit));
			}
			try {
				this.store.commit(ops);
				afterCommit.forEach(Runnable::run);
				return fires.isEmpty() ? "already-fired" : "fired";
			}
			catch (KeeperException ex) {
				int failed = WorkflowStore.failedAt(ex);
				if (failed <= 0 || ex.code() != KeeperException.Code.NODEEXISTS) {
					logger.debug("Schedule '" + schedule.name() + "' lost a race (" + ex.code() + "); retried next round");
					return "raced";
				}
				// a tick already fired (its idempotency marker or workflow exists): drop it and retry
				int index = firstOpOfFire.size() - 1;
				while (index > 0 && firstOpOfFire.get(index) > failed) {
					index--;
				}
				fires.remove(index);
			}
		}
		return "raced";
	}

	private List<CuratorOp> prepare(CronSchedule schedule, MisfirePlan.Fire fire, Instant now,
			List<Runnable> afterCommit) throws Exception {
		Object payload = (schedule.payload() != null) ? schedule.payload()
				: new ScheduledFire(schedule.name(), fire.tick(), now, fire.late());
		String key = (schedule.runtime() ? schedule.node() : schedule.name()) + "@" + fire.tick();
		if (schedule.kind() == CronSchedule.Kind.TASK) {
			return this.tasks.prepare(schedule.target(), payload, SubmitOptions.idempotencyKey(key)).ops();
		}
		WorkflowDefinition definition = this.store.registry().get(schedule.target());
		if (definition == null) {
			throw new IllegalStateException("Workflow '" + schedule.target() + "' is not declared here");
		}
		ZkWorkflowClient.PreparedStart start = this.workflows.prepareStart(definition,
				this.store.codec().toTree(payload), key);
		afterCommit.add(() -> this.workflows.started(start));
		return start.ops();
	}

}
