package io.zkworkflow.task.internal;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * Claims the ready nodes of one task name: one transaction per claim ({@link TaskOps#claim}),
 * then the task read from its data node. A ready node that has no task behind it (not written
 * by the engine) is warned about once and skipped.
 */
final class TaskClaimer {

	private static final Log logger = LogFactory.getLog(TaskClaimer.class);

	/** How the warnings about queue entries the engine did not write end. */
	private static final String NOT_FROM_SUBMIT = " It was not written by TaskClient.submit: delete it, and submit "
			+ "tasks through TaskClient";

	private final TaskDefinition definition;

	private final TaskRuntime runtime;

	private final Transactions transactions;

	private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

	TaskClaimer(TaskDefinition definition, TaskRuntime runtime, Transactions transactions) {
		this.definition = definition;
		this.runtime = runtime;
		this.transactions = transactions;
	}

	/**
	 * Claim a ready marker and return the attempt, {@code null} when another worker was first.
	 * The claim needs nothing read, so it is sent at once, with the task's data node being read
	 * alongside (prefetched by the watcher, or asked for just before): ZooKeeper answers a
	 * session's requests in order, so the read sees the task as the marker left it.
	 * @param node the ready marker
	 * @param sessionId the session the attempt belongs to (that of the thread's fleet-wide slot,
	 * if any): when the client's session is another by the time the claim commits, the attempt
	 * counts as one whose lease is lost
	 */
	@Nullable RunningAttempt claim(ReadyNode node, long sessionId) throws Exception {
		TaskTracing.Claim observed = this.runtime.tracing().startClaim(name());
		try {
			RunningAttempt attempt = claim(node, sessionId, observed);
			if (attempt != null) {
				observed.stop(attempt.record().id(), "claimed", null);
			}
			return attempt;
		}
		catch (Exception | Error ex) {
			observed.stop(null, "error", ex);
			throw ex;
		}
	}

	/** Claim, stopping the observation with the reason when the claim is not ours. */
	private @Nullable RunningAttempt claim(ReadyNode node, long sessionId, TaskTracing.Claim observed)
			throws Exception {
		long started = System.nanoTime();
		String readyPath = node.path();
		String dataPath = this.runtime.paths().dataFor(name(), readyPath);
		if (dataPath == null) {
			if (this.unreadable.add(readyPath)) {
				logger.warn("Task '" + name() + "': ready znode " + readyPath + " does not hold a task record (its "
						+ "name is not {task uid}-{sequence}); it is skipped and left in place." + NOT_FROM_SUBMIT);
			}
			observed.stop(null, "skipped", null);
			return null;
		}
		CompletableFuture<ReadyNode.@Nullable Content> read = node.data(this.runtime.curator(), dataPath);
		long now = System.currentTimeMillis();
		RunRecord claim = RunRecord.claim(this.runtime.instanceId(), now, this.definition);
		String runPath = this.runtime.paths().runFor(name(), readyPath);
		try {
			this.transactions.commit(TaskOps.claim(this.runtime.curator(), this.runtime.paths(), readyPath, dataPath,
					runPath, this.runtime.codec().write(claim)));
		}
		catch (KeeperException ex) {
			Transactions.Failure failure = Transactions.failure(ex);
			if (failure != null && failure.index() == TaskOps.CLAIM_DATA_INDEX) {
				if (this.unreadable.add(readyPath)) {
					logger.warn("Task '" + name() + "': ready znode " + readyPath + " has no task: its data node "
							+ dataPath + " does not exist; it is skipped and left in place." + NOT_FROM_SUBMIT);
				}
				observed.stop(null, "skipped", null);
				return null;
			}
			if (!claimCommittedAnyway(runPath, sessionId)) {
				observed.stop(null, "taken", null);
				return null;
			}
		}
		ReadyNode.Content content = ReadyNode.await(read, this.runtime.curator(), dataPath);
		TaskRecord queued = recordOf(content);
		if (content == null || queued == null) {
			giveUp(readyPath, dataPath, runPath, (content == null) ? "does not exist" : "does not hold a task record");
			observed.stop(null, "skipped", null);
			return null;
		}
		this.runtime.metrics().claimCommitted(name(), 1, System.nanoTime() - started);
		this.runtime.metrics().claimed(name(), now - Math.max(content.stat().getMtime(), queued.dueAt()));
		return new RunningAttempt(this.runtime.curator(), queued.running(claim), runPath,
				this.runtime.paths().lease(runPath), sessionId, now);
	}

	private String name() {
		return this.definition.name();
	}

	private @Nullable TaskRecord recordOf(ReadyNode.@Nullable Content content) {
		if (content == null) {
			return null;
		}
		try {
			return this.runtime.codec().read(content.data(), TaskRecord.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/**
	 * A claimed marker whose data node cannot be read as a task (or was removed by hand since the
	 * claim): end the claim; the marker is gone and the data node, if any, stays where it is.
	 */
	private void giveUp(String readyPath, String dataPath, String runPath, String problem) {
		logger.warn("Task '" + name() + "': ready znode " + readyPath + " has no task: its data node " + dataPath + " "
				+ problem + ". The marker is taken out of the queue and the data node, if any, left in place."
				+ NOT_FROM_SUBMIT);
		try {
			this.transactions.commit(TaskOps.endAttempt(this.runtime.curator(), this.runtime.paths(), runPath));
		}
		catch (Exception ex) {
			logger.debug("Could not end the claim of " + readyPath + "; the coordinator removes it: " + ex);
		}
	}

	/**
	 * Whether a claim that failed committed all the same. When the connection drops while the
	 * claim is in flight (a leader election, say), Curator sends it again; if the first one had
	 * committed, the second finds the ready node gone and fails, while the run node and a lease
	 * of our session exist: the task is ours, and nobody else would run it before its deadline
	 * and the stuck-lease grace had passed. The lease tells: only a claim creates it, and it
	 * belongs to the session that claimed.
	 */
	private boolean claimCommittedAnyway(String runPath, long sessionId) {
		try {
			Stat lease = this.runtime.curator().checkExists().forPath(this.runtime.paths().lease(runPath));
			return lease != null && lease.getEphemeralOwner() == sessionId;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
