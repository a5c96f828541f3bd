package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.SubmitResult;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskStatus;
import io.zkworkflow.task.TaskSubmission;
import io.zkworkflow.task.TaskSubmitException;
import io.zkworkflow.task.TooManyPendingTasksException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskClient} on ZooKeeper. A submit is one transaction [idempotency marker, data node
 * and ready marker, or delay node] ({@link SubmitPreparer}); see {@link TaskPaths} for the
 * layout. {@link #submitAsync} sends the same transaction in the background
 * ({@link AsyncSubmitter}). Lookups, waits for results, cancels and dead letters are handed
 * to {@link TaskLocator}, {@link TaskResults}, {@link TaskCanceller} and {@link DeadLetterStore}.
 */
public final class ZkTaskClient implements TaskClient, AutoCloseable {

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskEngineSettings settings;

	private final MemberDirectory members;

	private final TaskMetrics metrics;

	private final Transactions transactions;

	private final PendingCounter pending;

	private final SubmitPreparer preparer;

	private final TaskLocator locator;

	private final TaskCanceller canceller;

	private final DeadLetterStore deadLetters;

	private final TaskResults results;

	private static final Log logger = LogFactory.getLog(ZkTaskClient.class);

	private final Map<String, AtomicLong> unserved = new ConcurrentHashMap<>();

	private final AsyncSubmitter async;

	private final BatchSubmitter batch;

	private final TaskTracing tracing;

	public ZkTaskClient(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskEngineSettings settings,
			MemberDirectory members, TaskMetrics metrics, TaskTracing tracing) {
		this.tracing = tracing;
		this.curator = curator;
		this.paths = paths;
		this.settings = settings;
		this.members = members;
		this.metrics = metrics;
		this.transactions = new Transactions(curator);
		this.pending = new PendingCounter(curator, paths, settings.pendingCountRefresh());
		this.preparer = new SubmitPreparer(curator, paths, codec, settings);
		this.locator = new TaskLocator(curator, paths, codec);
		this.canceller = new TaskCanceller(curator, paths, codec, this.locator);
		this.deadLetters = new DeadLetterStore(curator, paths, codec);
		this.results = new TaskResults(curator, paths, codec, this.locator, settings.retention());
		this.async = new AsyncSubmitter(curator, paths, this.pending, this);
		this.batch = new BatchSubmitter(curator, paths, this);
	}

	@Override
	public TaskId submit(String name, Object payload, SubmitOptions options) {
		requireName(name);
		String key = options.getIdempotencyKey();
		TaskTracing.Submit observed = this.tracing.startSubmit(name);
		try (TaskTracing.Scope scope = observed.openScope()) {
			if (key != null) {
				TaskId existing = existingFor(name, key);
				if (existing != null) {
					observed.stop(existing, "existing", null);
					return existing;
				}
			}
			PreparedTask prepared = this.preparer.prepare(name, payload, options, observed.trace());
			checkPending(name);
			TaskId id = commitAndRecord(name, key, prepared);
			observed.stop(id, id.equals(prepared.id()) ? "submitted" : "existing", null);
			return id;
		}
		catch (Exception ex) {
			TaskSubmitException failure = submitFailure(name, ex);
			observed.stop(null, "failed", failure);
			throw failure;
		}
	}

	@Override
	public CompletableFuture<TaskId> submitAsync(String name, Object payload, SubmitOptions options) {
		return this.async.submit(name, payload, options);
	}

	@Override
	public List<SubmitResult> submitAll(List<TaskSubmission> submissions) {
		try {
			return this.batch.submitAll(submissions);
		}
		catch (IllegalArgumentException | TaskSubmitException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new TaskSubmitException("Could not submit a batch of " + submissions.size() + " tasks to ZooKeeper: "
					+ ex, ex);
		}
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
		// the caller commits it: observed until prepared, which is when the trace is captured
		TaskTracing.Submit observed = this.tracing.startSubmit(name);
		try {
			PreparedTask prepared = prepare(name, payload, options, observed);
			observed.stop(prepared.id(), "prepared", null);
			return prepared;
		}
		catch (RuntimeException ex) {
			observed.stop(null, "failed", ex);
			throw ex;
		}
	}

	/**
	 * Start observing one submit; a batch starts one for each element, so that each element
	 * carries the trace and is timed exactly as a single submit is.
	 * @param name the task name, already checked
	 * @return the running observation
	 */
	TaskTracing.Submit startSubmit(String name) {
		return this.tracing.startSubmit(name);
	}

	/**
	 * Prepare a submit under its observation, whose trace headers go into the record; the
	 * observation is left running for the caller to stop.
	 */
	PreparedTask prepare(String name, Object payload, SubmitOptions options, TaskTracing.Submit observed) {
		try (TaskTracing.Scope scope = observed.openScope()) {
			return this.preparer.prepare(name, payload, options, observed.trace());
		}
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
			return this.locator.status(id);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the status of task " + id + ": " + ex, ex);
		}
	}

	@Override
	public <T> @Nullable T result(TaskId id, Class<T> type, Duration timeout) {
		return this.results.result(id, type, timeout);
	}

	@Override
	public <T> CompletableFuture<@Nullable T> resultAsync(TaskId id, Class<T> type) {
		return this.results.resultAsync(id, type);
	}

	@Override
	public boolean cancel(TaskId id) {
		try {
			return this.canceller.cancel(id);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not cancel task " + id + ": " + ex, ex);
		}
	}

	@Override
	public List<DeadLetter> deadLetters(String name, int limit) {
		requireName(name);
		try {
			return this.deadLetters.list(name, limit);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not list the dead letters of task '" + name + "': " + ex, ex);
		}
	}

	@Override
	public boolean retryDeadLetter(TaskId id) {
		try {
			return this.deadLetters.retry(id);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not retry dead letter " + id + ": " + ex, ex);
		}
	}

	@Override
	public boolean purgeDeadLetter(TaskId id) {
		try {
			return this.deadLetters.purge(id);
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

	/** Stop the pool of {@link #submitAsync}, submits in flight still complete; open waits for results fail. */
	@Override
	public void close() {
		this.async.close();
		this.results.close();
	}

	static void requireName(String name) {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new IllegalArgumentException("Task name " + InputText.quote(String.valueOf(name)) + " " + problem
					+ "; use the name of a @WorkflowTask, for example 'send-invoice'.");
		}
	}

}
