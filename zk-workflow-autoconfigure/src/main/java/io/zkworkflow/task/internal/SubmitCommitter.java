package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TooManyPendingTasksException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * The commit side of every submit path (single, async, batch): the max-pending check before a
 * submit, the transaction with its idempotency-key fallback, and the bookkeeping after it
 * (pending count, metrics, names submitted while no instance serves them).
 */
final class SubmitCommitter {

	private static final Log logger = LogFactory.getLog(SubmitCommitter.class);

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskEngineSettings settings;

	private final MemberDirectory members;

	private final TaskMetrics metrics;

	private final PendingCounter pending;

	private final Transactions transactions;

	private final Map<String, AtomicLong> unserved = new ConcurrentHashMap<>();

	SubmitCommitter(CuratorFramework curator, TaskPaths paths, TaskEngineSettings settings, MemberDirectory members,
			TaskMetrics metrics, PendingCounter pending) {
		this.curator = curator;
		this.paths = paths;
		this.settings = settings;
		this.members = members;
		this.metrics = metrics;
		this.pending = pending;
		this.transactions = new Transactions(curator);
	}

	/** Refuse a submit when too many tasks of the name wait (at or above max-pending). */
	void checkPending(String name) throws Exception {
		checkPending(name, 1);
	}

	/**
	 * Refuse submits when {@code adding} more tasks would take the name above max-pending.
	 * @param name the task name
	 * @param adding how many tasks are about to be submitted
	 * @throws TooManyPendingTasksException if the waiting tasks and the new ones exceed max-pending
	 */
	void checkPending(String name, int adding) throws Exception {
		long waiting = this.pending.current(name);
		if (waiting + adding > this.settings.maxPending()) {
			throw new TooManyPendingTasksException("Task '" + name + "' has " + waiting
					+ " tasks waiting" + ((adding > 1) ? " and " + adding + " more were submitted" : "")
					+ ", the limit set by " + TaskEngineSettings.property("max-pending") + " is "
					+ this.settings.maxPending() + ". Add instances that serve '" + name
					+ "', raise their @WorkflowTask concurrency, or raise the limit.");
		}
	}

	/**
	 * Commit a prepared submit, creating missing parents; with an idempotency key already
	 * used, return the earlier task's id instead.
	 */
	TaskId commitAndRecord(String name, @Nullable String key, PreparedTask prepared) throws Exception {
		try {
			this.transactions.commit(prepared.ops());
		}
		catch (KeeperException ex) {
			Transactions.Failure failure = Transactions.failure(ex);
			if (key != null && failure != null && failure.index() == 0
					&& failure.code() == KeeperException.Code.NODEEXISTS) {
				TaskId existing = existingFor(name, key);
				if (existing != null) {
					return existing;
				}
			}
			throw ex;
		}
		recordSubmitted(name);
		return prepared.id();
	}

	/** Count a committed submit (pending count, metrics, unserved names). */
	void recordSubmitted(String name) {
		this.pending.added(name);
		this.metrics.submitted(name);
		this.metrics.pendingGauge(name, this.pending, (counter) -> counter.cached(name));
		if (!this.members.isServed(name)) {
			AtomicLong count = this.unserved.computeIfAbsent(name, (n) -> new AtomicLong());
			if (count.getAndIncrement() == 0) {
				// once per name: a producer that submits for workers deployed later is normal
				logger.warn("Task '" + name + "' was submitted, but no live instance serves it: it stays pending "
						+ "until an instance with @WorkflowTask(name = \"" + name + "\") starts. Further submits "
						+ "of this name are counted in zk.workflow.tasks.unserved without this line.");
			}
			this.metrics.submittedUnserved(name);
		}
	}

	/** The task an idempotency key of the name already points at, if any. */
	@Nullable TaskId existingFor(String name, String key) throws Exception {
		try {
			byte[] data = this.curator.getData().forPath(this.paths.idMarker(name, key));
			return TaskId.parse(new String(data, StandardCharsets.UTF_8));
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	/** How many tasks of each name were submitted while no live instance served it. */
	Map<String, Long> unservedSubmissions() {
		Map<String, Long> result = new TreeMap<>();
		this.unserved.forEach((name, count) -> result.put(name, count.get()));
		return result;
	}

}
