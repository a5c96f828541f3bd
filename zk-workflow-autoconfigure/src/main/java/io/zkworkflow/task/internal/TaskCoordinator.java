package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskAttempt;
import io.zkworkflow.task.CoordinatorDuty;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The fleet's one coordinator, elected with a {@link LeaderLatch}. Every round it moves due
 * delayed tasks to their ready queues, requeues tasks whose lease vanished (counting the
 * attempt, so a task that kills its workers ends in the dead letters), breaks leases stuck
 * far past their deadline, removes expired outcomes and idempotency markers, and runs the
 * {@link CoordinatorDuty} beans. Every write is a version-checked transaction, so a second
 * instance that briefly believes it leads changes nothing twice.
 */
final class TaskCoordinator {

	private static final Log logger = LogFactory.getLog(TaskCoordinator.class);

	private static final int BATCH = 100;

	private final TaskRuntime runtime;

	private final List<CoordinatorDuty> duties;

	private final Transactions transactions;

	private final TaskEnder ender;

	private final RetentionSweeper sweeper;

	private @Nullable LeaderLatch latch;

	TaskCoordinator(TaskRuntime runtime, List<CoordinatorDuty> duties) {
		this.runtime = runtime;
		this.duties = duties;
		this.transactions = runtime.transactions();
		this.ender = new TaskEnder(runtime, this.transactions::commit);
		this.sweeper = new RetentionSweeper(runtime);
	}

	synchronized void start() throws Exception {
		LeaderLatch leaderLatch = new LeaderLatch(this.runtime.curator(), this.runtime.paths().coordinator(),
				this.runtime.instanceId());
		leaderLatch.start();
		this.latch = leaderLatch;
	}

	boolean isLeader() {
		LeaderLatch leaderLatch = this.latch;
		return leaderLatch != null && leaderLatch.hasLeadership();
	}

	synchronized void close() {
		if (this.latch != null) {
			try {
				this.latch.close();
			}
			catch (Exception ex) {
				logger.debug("Could not leave the coordinator election: " + ex);
			}
			this.latch = null;
		}
	}

	/** One round of work, when leading. */
	void round() {
		if (!isLeader()) {
			return;
		}
		try {
			for (String name : children(this.runtime.paths().tasks())) {
				moveDueDelays(name);
				requeueOrphans(name);
			}
			this.sweeper.sweepIfDue();
		}
		catch (Exception ex) {
			logger.debug("Coordinator round failed: " + ex, ex);
		}
		for (CoordinatorDuty duty : this.duties) {
			try {
				duty.perform();
			}
			catch (Exception ex) {
				logger.warn("Coordinator duty " + duty + " failed: " + ex, ex);
			}
		}
	}

	private void moveDueDelays(String name) throws Exception {
		String root = this.runtime.paths().delayRoot(name);
		long now = System.currentTimeMillis();
		List<List<CuratorOp>> batch = new ArrayList<>();
		for (String bucket : children(root)) {
			if (Long.parseLong(bucket) * TaskPaths.BUCKET_MILLIS > now) {
				continue;
			}
			String bucketPath = ZKPaths.makePath(root, bucket);
			for (String uid : children(bucketPath)) {
				String path = ZKPaths.makePath(bucketPath, uid);
				Stat stat = new Stat();
				byte[] data = read(path, stat);
				if (data == null) {
					continue;
				}
				TaskRecord record = this.runtime.codec().read(data, TaskRecord.class);
				if (record.dueAt() > now) {
					continue;
				}
				List<CuratorOp> move = new ArrayList<>(3);
				move.add(this.runtime.curator().transactionOp().delete().withVersion(stat.getVersion()).forPath(path));
				move.addAll(TaskOps.enqueue(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), record));
				batch.add(move);
				if (batch.size() >= BATCH) {
					commitMoves(batch);
				}
			}
		}
		commitMoves(batch);
	}

	/** Commit the moves of due tasks as one transaction, or one by one if that fails. */
	private void commitMoves(List<List<CuratorOp>> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.transactions.commit(batch.stream().flatMap(List::stream).toList());
		}
		catch (Exception ex) {
			for (List<CuratorOp> move : batch) {
				try {
					this.transactions.commit(move);
				}
				catch (Exception moveEx) {
					logger.debug("Could not move a due task: " + moveEx);
				}
			}
		}
		batch.clear();
	}

	private void requeueOrphans(String name) throws Exception {
		String root = this.runtime.paths().runRoot(name);
		for (String shard : children(root)) {
			String shardPath = ZKPaths.makePath(root, shard);
			for (String node : children(shardPath)) {
				String runPath = ZKPaths.makePath(shardPath, node);
				if (!mayBeOrphan(runPath)) {
					continue;
				}
				Stat stat = new Stat();
				byte[] data = read(runPath, stat);
				if (data == null) {
					continue;
				}
				String dataPath = this.runtime.paths().dataFor(name, runPath);
				byte[] task = (dataPath != null) ? read(dataPath, null) : null;
				if (task == null) {
					removeClaimWithoutTask(runPath, stat);
					continue;
				}
				RunRecord claim = this.runtime.codec().read(data, RunRecord.class);
				TaskRecord run = this.runtime.codec().read(task, TaskRecord.class).running(claim);
				if (stat.getNumChildren() == 0) {
					requeue(run, runPath, stat, claim, false, "The lease of attempt " + run.attempts()
							+ " was lost: worker " + run.owner() + " crashed or its ZooKeeper session expired");
				}
				else if (System.currentTimeMillis() > run.deadline()
						+ this.runtime.settings().stuckLeaseGrace().toMillis()) {
					requeue(run, runPath, stat, claim, true, "Attempt " + run.attempts() + " on worker "
							+ run.owner() + " was still running long after its timeout; its lease was broken");
				}
			}
		}
	}

	/**
	 * Requeue (or dead-letter) the task of a lost attempt, recording the attempt as what is known
	 * of it: who ran it, since when, and its fencing token (the lease was created in the claim's
	 * transaction, with the run node, so both have the same czxid); not how long it ran.
	 */
	private void requeue(TaskRecord lost, String runPath, Stat runStat, RunRecord claim, boolean breakLease,
			String error) {
		TaskRecord run = lost.withAttempt(AttemptHistory.attempt(lost.attempts(), claim.owner(), claim.claimedAt(), -1,
				TaskAttempt.Outcome.LEASE_LOST, null, error, runStat.getCzxid()));
		int version = runStat.getVersion();
		List<CuratorOp> ops = new ArrayList<>();
		try {
			if (breakLease) {
				ops.add(this.runtime.curator().transactionOp().delete().forPath(this.runtime.paths().lease(runPath)));
			}
			ops.add(this.runtime.curator().transactionOp().delete().withVersion(version).forPath(runPath));
			if (run.attempts() >= Math.max(1, run.maxAttempts())) {
				TaskRecord dead = run.deadAt(System.currentTimeMillis(), error);
				ops.add(TaskOps.finish(this.runtime.curator(), this.runtime.paths(), dead));
				ops.add(TaskOps.createDead(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), dead));
				this.ender.commit(ops, TaskEnder.deadOutcome(dead));
				this.ender.deadLettered(dead);
			}
			else {
				long delay = Backoff.delayMillis(run.attempts(), run.backoffMillis(), run.maxBackoffMillis());
				ops.addAll(TaskOps.requeue(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(),
						run.retryAt(System.currentTimeMillis() + delay, error)));
				this.transactions.commit(ops);
				logger.info("Requeued task " + run.id() + ": " + error);
			}
		}
		catch (Exception ex) {
			logger.debug("Could not requeue task " + run.id() + " (the worker may have ended it meanwhile): " + ex);
		}
	}

	/**
	 * A run node whose task has no data node: nothing can be run or requeued. One the engine
	 * wrote never stays so (the data node goes in the transaction that deletes the run node);
	 * remove it once its lease is gone.
	 */
	private void removeClaimWithoutTask(String runPath, Stat stat) {
		if (stat.getNumChildren() > 0) {
			return;
		}
		try {
			this.runtime.curator().delete().withVersion(stat.getVersion()).forPath(runPath);
			logger.warn("Removed run node " + runPath + ": it has no lease and no task data node");
		}
		catch (Exception ex) {
			logger.debug("Could not remove run node " + runPath + ": " + ex);
		}
	}

	/**
	 * Whether a run node may need requeueing, from its stat alone: its lease is gone, or it was
	 * claimed more than the stuck-lease grace ago (its deadline, claim time plus timeout, is later
	 * than its creation, so a node younger than the grace cannot be stuck). A busy fleet has many
	 * running tasks, and reading and parsing each of them every round cost more than the rest of
	 * the round.
	 */
	private boolean mayBeOrphan(String runPath) throws Exception {
		Stat stat = this.runtime.curator().checkExists().forPath(runPath);
		return stat != null && (stat.getNumChildren() == 0 || System.currentTimeMillis() - stat.getCtime()
				> this.runtime.settings().stuckLeaseGrace().toMillis());
	}

	private List<String> children(String path) throws Exception {
		try {
			return this.runtime.curator().getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

	private byte @Nullable [] read(String path, @Nullable Stat stat) throws Exception {
		try {
			return (stat != null) ? this.runtime.curator().getData().storingStatIn(stat).forPath(path)
					: this.runtime.curator().getData().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

}
