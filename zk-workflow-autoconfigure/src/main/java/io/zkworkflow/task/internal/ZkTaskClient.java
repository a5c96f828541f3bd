package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.PayloadTooLargeException;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskStatus;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.task.TooManyPendingTasksException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@link TaskClient} on ZooKeeper. A submit is one transaction [idempotency marker, data node
 * and ready marker, or delay node]; see {@link TaskPaths} for the layout.
 * {@link #submitAsync} sends the same transaction in the background ({@link AsyncSubmitter}).
 */
public final class ZkTaskClient implements TaskClient, AutoCloseable {

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final TaskEngineSettings settings;

	private final MemberDirectory members;

	private final TaskMetrics metrics;

	private final Transactions transactions;

	private final PendingCounter pending;

	private final TaskLocator locator;

	private final Map<String, AtomicLong> unserved = new ConcurrentHashMap<>();

	private final AsyncSubmitter async;

	public ZkTaskClient(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskEngineSettings settings,
			MemberDirectory members, TaskMetrics metrics) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.settings = settings;
		this.members = members;
		this.metrics = metrics;
		this.transactions = new Transactions(curator);
		this.pending = new PendingCounter(curator, paths, settings.pendingCountRefresh());
		this.locator = new TaskLocator(curator, paths, codec);
		this.async = new AsyncSubmitter(curator, paths, this.pending, this);
	}

	@Override
	public TaskId submit(String name, Object payload, SubmitOptions options) {
		requireName(name);
		String key = options.getIdempotencyKey();
		try {
			if (key != null) {
				TaskId existing = existingFor(name, key);
				if (existing != null) {
					return existing;
				}
			}
			PreparedTask prepared = prepare(name, payload, options);
			checkPending(name);
			return commitAndRecord(name, key, prepared);
		}
		catch (Exception ex) {
			throw submitFailure(name, ex);
		}
	}

	@Override
	public CompletableFuture<TaskId> submitAsync(String name, Object payload, SubmitOptions options) {
		return this.async.submit(name, payload, options);
	}

	/**
	 * Refuse a submit when too many tasks of the name wait.
	 * @param name the task name
	 * @throws TooManyPendingTasksException if at or above max-pending
	 */
	void checkPending(String name) throws Exception {
		long waiting = this.pending.current(name);
		if (waiting >= this.settings.maxPending()) {
			throw new TooManyPendingTasksException("Task '" + name + "' has " + waiting
					+ " tasks waiting, the limit set by " + TaskEngineSettings.property("max-pending") + " is "
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
			this.unserved.computeIfAbsent(name, (n) -> new AtomicLong()).incrementAndGet();
			this.metrics.submittedUnserved(name);
		}
	}

	/** The exception a submit fails with: the engine's own as is, anything else wrapped. */
	static TaskSubmitException submitFailure(String name, Throwable ex) {
		if (ex instanceof TaskSubmitException submitException) {
			return submitException;
		}
		return new TaskSubmitException("Could not submit task '" + name + "' to ZooKeeper: " + ex, ex);
	}

	@Override
	public PreparedTask prepare(String name, Object payload, SubmitOptions options) {
		requireName(name);
		JsonNode tree;
		try {
			tree = this.codec.toTree(payload);
		}
		catch (JacksonException ex) {
			throw new TaskSubmitException("The payload of task '" + name + "' (" + payload.getClass().getName()
					+ ") cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
		int size = this.codec.sizeOf(tree);
		long limit = this.settings.maxPayload().toBytes();
		if (size > limit) {
			throw new PayloadTooLargeException("The payload of task '" + name + "' is " + size
					+ " bytes as JSON, above " + TaskEngineSettings.property("max-payload") + " (" + limit + " bytes). "
					+ "ZooKeeper keeps every task in memory: store large data elsewhere (a database, object "
					+ "storage) and submit a reference to it, or raise the limit (at most 1000KB).");
		}
		long now = System.currentTimeMillis();
		Instant notBefore = options.getNotBefore();
		long dueAt = (notBefore != null && notBefore.toEpochMilli() > now) ? notBefore.toEpochMilli() : 0;
		String uid = TaskUids.next(now, this.settings.shards());
		TaskRecord record = TaskRecord.submitted(uid, name, options.getIdempotencyKey(), now, dueAt,
				options.getAttributes(), tree);
		TaskId id = record.id();
		List<CuratorOp> ops = new ArrayList<>(3);
		try {
			String key = options.getIdempotencyKey();
			if (key != null) {
				ops.add(this.curator.transactionOp()
					.create()
					.forPath(this.paths.idMarker(name, key), id.toString().getBytes(StandardCharsets.UTF_8)));
			}
			if (dueAt > 0) {
				ops.add(TaskOps.createDelayed(this.curator, this.paths, this.codec, record));
			}
			else {
				ops.addAll(TaskOps.enqueue(this.curator, this.paths, this.codec, record));
			}
		}
		catch (Exception ex) {
			throw new TaskSubmitException("Could not prepare task '" + name + "': " + ex, ex);
		}
		return new PreparedTask(id, List.copyOf(ops));
	}

	@Nullable TaskId existingFor(String name, String key) throws Exception {
		try {
			byte[] data = this.curator.getData().forPath(this.paths.idMarker(name, key));
			return TaskId.parse(new String(data, StandardCharsets.UTF_8));
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	@Override
	public TaskStatus status(TaskId id) {
		try {
			for (int round = 0; round < 3; round++) {
				TaskStatus status = this.locator.status(id);
				if (status.state() != TaskState.UNKNOWN) {
					return status;
				}
			}
			return TaskStatus.unknown(id);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the status of task " + id + ": " + ex, ex);
		}
	}

	@Override
	public boolean cancel(TaskId id) {
		try {
			for (int round = 0; round < 3; round++) {
				TaskLocator.Found found = this.locator.findWaiting(id);
				if (found == null) {
					return false;
				}
				DoneRecord done = new DoneRecord(id.uid(), TaskState.CANCELLED.name(), found.record().attempts(),
						System.currentTimeMillis(), null);
				List<CuratorOp> ops = new ArrayList<>(3);
				ops.add(this.curator.transactionOp().delete().withVersion(found.version()).forPath(found.path()));
				if (found.queued()) {
					ops.add(TaskOps.finish(this.curator, this.paths, found.record()));
				}
				ops.add(this.curator.transactionOp()
					.create()
					.forPath(this.paths.done(id.name(), id.uid()), this.codec.write(done)));
				try {
					this.transactions.commit(ops);
					return true;
				}
				catch (KeeperException ex) {
					// moved on while we looked (claimed, or due and moved to ready): look again
				}
			}
			return false;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not cancel task " + id + ": " + ex, ex);
		}
	}

	@Override
	public List<DeadLetter> deadLetters(String name, int limit) {
		requireName(name);
		try {
			List<String> children;
			try {
				children = new ArrayList<>(this.curator.getChildren().forPath(this.paths.deadRoot(name)));
			}
			catch (KeeperException.NoNodeException ex) {
				return List.of();
			}
			children.sort(null);
			List<DeadLetter> result = new ArrayList<>();
			for (String uid : children) {
				if (result.size() >= limit) {
					break;
				}
				try {
					TaskRecord record = this.codec.read(this.curator.getData().forPath(this.paths.dead(name, uid)),
							TaskRecord.class);
					result.add(new DeadLetter(record.id(), record.attempts(), String.valueOf(record.error()),
							Instant.ofEpochMilli(record.deadAt()), record.payload()));
				}
				catch (KeeperException.NoNodeException ex) {
					// purged or retried meanwhile
				}
			}
			return result;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not list the dead letters of task '" + name + "': " + ex, ex);
		}
	}

	@Override
	public boolean retryDeadLetter(TaskId id) {
		try {
			Stat stat = new Stat();
			String deadPath = this.paths.dead(id.name(), id.uid());
			TaskRecord record;
			try {
				record = this.codec.read(this.curator.getData().storingStatIn(stat).forPath(deadPath), TaskRecord.class);
			}
			catch (KeeperException.NoNodeException ex) {
				return false;
			}
			List<CuratorOp> ops = new ArrayList<>(3);
			ops.add(this.curator.transactionOp().delete().withVersion(stat.getVersion()).forPath(deadPath));
			ops.addAll(TaskOps.enqueue(this.curator, this.paths, this.codec, record.revived()));
			try {
				this.transactions.commit(ops);
				return true;
			}
			catch (KeeperException ex) {
				return false;
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not retry dead letter " + id + ": " + ex, ex);
		}
	}

	@Override
	public boolean purgeDeadLetter(TaskId id) {
		try {
			this.curator.delete().forPath(this.paths.dead(id.name(), id.uid()));
			return true;
		}
		catch (KeeperException.NoNodeException ex) {
			return false;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not purge dead letter " + id + ": " + ex, ex);
		}
	}

	/**
	 * Return how many tasks of each name were submitted while no live instance served it.
	 * @return name to count
	 */
	public Map<String, Long> unservedSubmissions() {
		Map<String, Long> result = new TreeMap<>();
		this.unserved.forEach((name, count) -> result.put(name, count.get()));
		return result;
	}

	/** Stop the pool of {@link #submitAsync}; submits in flight still complete. */
	@Override
	public void close() {
		this.async.close();
	}

	static void requireName(String name) {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new IllegalArgumentException("Task name '" + name + "' " + problem
					+ "; use the name of a @WorkflowTask, for example 'send-invoice'.");
		}
	}

}
