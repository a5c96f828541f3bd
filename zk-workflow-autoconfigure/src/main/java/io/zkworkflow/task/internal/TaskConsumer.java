package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.zkworkflow.task.TaskCompletedEvent;
import io.zkworkflow.task.TaskOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs the tasks of one name on this instance: {@code concurrency} threads, each claiming a
 * ready node, running the handler and ending the attempt in one transaction.
 */
final class TaskConsumer {

	private static final Log logger = LogFactory.getLog(TaskConsumer.class);

	/** How the warnings about queue entries the engine did not write end. */
	private static final String NOT_FROM_SUBMIT = " It was not written by TaskClient.submit: delete it, and submit "
			+ "tasks through TaskClient";

	private final TaskDefinition definition;

	private final TaskRuntime runtime;

	private final Transactions transactions;

	private final MultiBatcher batcher;

	private final TaskEnder ender;

	private final ReadyQueueWatcher watcher;

	private final Set<RunningAttempt> running = ConcurrentHashMap.newKeySet();

	private final Set<String> unreadable = ConcurrentHashMap.newKeySet();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean claiming;

	TaskConsumer(TaskDefinition definition, TaskRuntime runtime, ShardOwnership ownership) {
		this.definition = definition;
		this.runtime = runtime;
		this.transactions = runtime.transactions();
		this.batcher = new MultiBatcher(runtime.curator());
		this.ender = new TaskEnder(runtime, this.batcher::commit);
		this.watcher = new ReadyQueueWatcher(runtime.curator(), runtime.paths().readyRoot(definition.name()), ownership,
				runtime.settings().shards(), runtime.scheduler(),
				(readyPath) -> runtime.paths().dataFor(definition.name(), readyPath));
	}

	String name() {
		return this.definition.name();
	}

	int concurrency() {
		return this.definition.concurrency();
	}

	int free() {
		return this.definition.concurrency() - this.running.size();
	}

	void start() throws Exception {
		for (int shard = 0; shard < this.runtime.settings().shards(); shard++) {
			this.transactions.ensure(this.runtime.paths().readyShard(name(), shard));
		}
		this.claiming = true;
		this.watcher.start();
		for (int i = 0; i < this.definition.concurrency(); i++) {
			Thread thread = new Thread(this::claimLoop, "zk-task-" + name() + "-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
	}

	void rescan() {
		this.watcher.rescan();
	}

	/** A member joined, left or changed: the shards this instance owns may have changed. */
	void membersChanged() {
		this.watcher.followOwnership();
	}

	/** Stop claiming; running attempts continue. */
	void stopClaiming() {
		this.claiming = false;
		this.watcher.close();
	}

	boolean isIdle() {
		return this.running.isEmpty();
	}

	/** Hand every still-running attempt back to the queue at once, without counting it. */
	void handBackRunning() {
		for (RunningAttempt attempt : this.running) {
			if (!attempt.end()) {
				continue;
			}
			try {
				List<CuratorOp> ops = TaskOps.endAttempt(this.runtime.curator(), this.runtime.paths(), attempt.runPath());
				ops.add(TaskOps.handBack(this.runtime.curator(), this.runtime.paths(), attempt.record()));
				this.transactions.commit(ops);
				this.runtime.metrics().attemptFinished(name(), TaskMetrics.Outcome.HANDED_BACK, attempt.elapsedNanos());
				logger.info("Shutdown: handed task " + attempt.taskId() + " back to the queue");
			}
			catch (Exception ex) {
				logger.warn("Shutdown: could not hand task " + attempt.taskId()
						+ " back; it is retried once this instance's session ends: " + ex);
			}
			attempt.interruptHandler();
		}
	}

	void joinThreads(Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		for (Thread thread : this.threads) {
			try {
				thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void claimLoop() {
		while (this.claiming) {
			ReadyNode ready;
			try {
				ready = this.watcher.take(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				continue;
			}
			if (ready == null) {
				continue;
			}
			try {
				RunningAttempt attempt = claim(ready);
				if (attempt != null) {
					run(attempt);
				}
			}
			catch (Exception ex) {
				logger.debug("Task " + name() + ": " + ex, ex);
			}
			finally {
				this.watcher.release(ready.path());
				Thread.interrupted();
			}
		}
	}

	/**
	 * Claim a ready marker and return the attempt, {@code null} when another worker was first.
	 * The claim needs nothing read, so it is sent at once, with the task's data node being read
	 * alongside (prefetched by the watcher, or asked for just before): ZooKeeper answers a
	 * session's requests in order, so the read sees the task as the marker left it.
	 */
	private @Nullable RunningAttempt claim(ReadyNode node) throws Exception {
		if (!this.claiming) {
			return null;
		}
		long started = System.nanoTime();
		String readyPath = node.path();
		String dataPath = this.runtime.paths().dataFor(name(), readyPath);
		if (dataPath == null) {
			if (this.unreadable.add(readyPath)) {
				logger.warn("Task '" + name() + "': ready znode " + readyPath + " does not hold a task record (its "
						+ "name is not {task uid}-{sequence}); it is skipped and left in place." + NOT_FROM_SUBMIT);
			}
			return null;
		}
		CompletableFuture<ReadyNode.@Nullable Content> read = node.data(this.runtime.curator(), dataPath);
		long now = System.currentTimeMillis();
		RunRecord claim = RunRecord.claim(this.runtime.instanceId(), now, this.definition);
		String runPath = this.runtime.paths().runFor(name(), readyPath);
		long sessionId = this.runtime.sessionId();
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
				return null;
			}
			if (!claimCommittedAnyway(runPath, sessionId)) {
				return null;
			}
		}
		ReadyNode.Content content = ReadyNode.await(read, this.runtime.curator(), dataPath);
		TaskRecord queued = recordOf(content);
		if (content == null || queued == null) {
			giveUp(readyPath, dataPath, runPath, (content == null) ? "does not exist" : "does not hold a task record");
			return null;
		}
		this.runtime.metrics().claimCommitted(name(), 1, System.nanoTime() - started);
		this.runtime.metrics().claimed(name(), now - Math.max(content.stat().getMtime(), queued.dueAt()));
		return new RunningAttempt(this.runtime.curator(), queued.running(claim), runPath,
				this.runtime.paths().lease(runPath), sessionId);
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

	private void run(RunningAttempt attempt) {
		this.running.add(attempt);
		try {
			Object payload;
			try {
				payload = (this.definition.payloadIndex() >= 0)
						? this.runtime.codec().bind(attempt.record().payload(), this.definition.payloadType()) : null;
			}
			catch (RuntimeException ex) {
				if (attempt.end()) {
					deadLetter(attempt, "The payload cannot be bound to " + this.definition.payloadType().getTypeName()
							+ " of " + this.definition.describe() + ": " + ex.getMessage()
							+ ". Fix the producer or the parameter type, then retry the dead letter.");
				}
				return;
			}
			attempt.timeout(this.runtime.scheduler()
				.schedule(() -> timeOut(attempt), Math.max(1, attempt.record().deadline() - System.currentTimeMillis()),
						TimeUnit.MILLISECONDS));
			Object result = null;
			Throwable failure = null;
			attempt.handlerStarted(Thread.currentThread());
			try {
				result = this.definition.invoke(payload, attempt);
			}
			catch (Throwable ex) {
				failure = ex;
			}
			finally {
				attempt.handlerFinished();
				Thread.interrupted();
			}
			if (!attempt.end()) {
				return;
			}
			if (failure != null) {
				fail(attempt, failure.toString(), TaskMetrics.Outcome.FAILED);
			}
			else {
				succeed(attempt, result);
			}
		}
		finally {
			this.running.remove(attempt);
		}
	}

	private void timeOut(RunningAttempt attempt) {
		if (attempt.end()) {
			attempt.interruptHandler();
			fail(attempt, "Timed out after " + this.definition.timeout() + " (@WorkflowTask timeout of "
					+ this.definition.describe() + "); the handler was interrupted", TaskMetrics.Outcome.TIMED_OUT);
		}
	}

	private void succeed(RunningAttempt attempt, @Nullable Object result) {
		TaskRecord run = attempt.record();
		JsonNode output;
		try {
			output = this.runtime.codec().toTree(result);
		}
		catch (RuntimeException ex) {
			deadLetter(attempt, "The output of " + this.definition.describe() + " cannot be written as JSON: " + ex);
			return;
		}
		long limit = this.runtime.settings().maxPayload().toBytes();
		int size = this.runtime.codec().sizeOf(output);
		if (size > limit) {
			deadLetter(attempt, "The output of " + this.definition.describe() + " is " + size + " bytes as JSON, above "
					+ TaskEngineSettings.property("max-payload") + " (" + limit + " bytes); store it elsewhere and return a "
					+ "reference");
			return;
		}
		DoneRecord done = new DoneRecord(run.uid(), "SUCCEEDED", run.attempts(), System.currentTimeMillis(), output);
		TaskOutcome outcome = new TaskOutcome(run.id(), TaskOutcome.Kind.SUCCEEDED, run.attempts(), run.key(),
				run.attributes(), run.payload(), output, null);
		try {
			List<CuratorOp> ops = TaskOps.endAttempt(this.runtime.curator(), this.runtime.paths(), attempt.runPath());
			ops.add(TaskOps.finish(this.runtime.curator(), this.runtime.paths(), run));
			ops.add(TaskOps.createDone(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), name(), done));
			this.ender.commit(ops, outcome);
		}
		catch (Exception ex) {
			refused(attempt, ex);
			return;
		}
		long nanos = attempt.elapsedNanos();
		this.runtime.metrics().attemptFinished(name(), TaskMetrics.Outcome.SUCCEEDED, nanos);
		this.runtime.events().publishEvent(new TaskCompletedEvent(run.id(), run.attempts(), output, Duration.ofNanos(nanos)));
	}

	private void fail(RunningAttempt attempt, String error, TaskMetrics.Outcome outcome) {
		TaskRecord run = attempt.record();
		if (run.attempts() >= run.maxAttempts()) {
			deadLetter(attempt, error);
			return;
		}
		long delay = Backoff.delayMillis(run.attempts(), run.backoffMillis(), run.maxBackoffMillis());
		TaskRecord retry = run.retryAt(System.currentTimeMillis() + delay, error);
		try {
			List<CuratorOp> ops = TaskOps.endAttempt(this.runtime.curator(), this.runtime.paths(), attempt.runPath());
			ops.addAll(TaskOps.requeue(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), retry));
			this.batcher.commit(ops);
			this.runtime.metrics().attemptFinished(name(), outcome, attempt.elapsedNanos());
			logger.info("Task " + run.id() + " attempt " + run.attempts() + " failed, retry in " + delay + "ms: " + error);
		}
		catch (Exception ex) {
			refused(attempt, ex);
		}
	}

	private void deadLetter(RunningAttempt attempt, String error) {
		TaskRecord dead = attempt.record().deadAt(System.currentTimeMillis(), error);
		try {
			List<CuratorOp> ops = TaskOps.endAttempt(this.runtime.curator(), this.runtime.paths(), attempt.runPath());
			ops.add(TaskOps.finish(this.runtime.curator(), this.runtime.paths(), dead));
			ops.add(TaskOps.createDead(this.runtime.curator(), this.runtime.paths(), this.runtime.codec(), dead));
			this.ender.commit(ops, TaskEnder.deadOutcome(dead));
		}
		catch (Exception ex) {
			refused(attempt, ex);
			return;
		}
		this.runtime.metrics().attemptFinished(name(), TaskMetrics.Outcome.DEAD, attempt.elapsedNanos());
		this.ender.deadLettered(dead);
	}

	private void refused(RunningAttempt attempt, Exception ex) {
		Transactions.Failure failure = Transactions.failure(ex);
		if (failure != null && failure.index() <= TaskOps.RUN_INDEX) {
			this.runtime.metrics().attemptFinished(name(), TaskMetrics.Outcome.LEASE_LOST, attempt.elapsedNanos());
			logger.warn("Task " + attempt.taskId() + " attempt " + attempt.attempt()
					+ ": result discarded because this worker no longer holds the lease (session expired or the task "
					+ "was requeued); the task is committed by its other attempt");
		}
		else {
			logger.warn("Task " + attempt.taskId() + " attempt " + attempt.attempt()
					+ " could not be ended; it is retried once the coordinator finds its lease gone or stuck: " + ex);
		}
	}

}
