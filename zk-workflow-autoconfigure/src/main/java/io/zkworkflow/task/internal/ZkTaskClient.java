package io.zkworkflow.task.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.SubmitResult;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskPage;
import io.zkworkflow.task.TaskQuery;
import io.zkworkflow.task.TaskStatus;
import io.zkworkflow.task.TaskSubmission;
import io.zkworkflow.task.TaskSubmitException;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskClient} on ZooKeeper. A submit is one transaction [idempotency marker, data node
 * and ready marker, or delay node] ({@link SubmitPreparer}); see {@link TaskPaths} for the
 * layout. {@link #submitAsync} sends the same transaction in the background
 * ({@link AsyncSubmitter}). Lookups, waits for results, cancels and dead letters are handed
 * to {@link TaskLocator}, {@link TaskResults}, {@link TaskCanceller} and {@link DeadLetterStore},
 * listings to {@link TaskSearch}.
 */
public final class ZkTaskClient implements TaskClient, AutoCloseable {

	private final SubmitCommitter committer;

	private final SubmitPreparer preparer;

	private final TaskLocator locator;

	private final TaskCanceller canceller;

	private final DeadLetterStore deadLetters;

	private final TaskResults results;

	private final AsyncSubmitter async;

	private final BatchSubmitter batch;

	private final TaskTracing tracing;

	private final TaskSearch search;

	public ZkTaskClient(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskEngineSettings settings,
			MemberDirectory members, TaskMetrics metrics, TaskTracing tracing) {
		this.tracing = tracing;
		PendingCounter pending = new PendingCounter(curator, paths, settings.pendingCountRefresh());
		this.committer = new SubmitCommitter(curator, paths, settings, members, metrics, pending);
		this.preparer = new SubmitPreparer(curator, paths, codec, settings);
		this.locator = new TaskLocator(curator, paths, codec);
		this.canceller = new TaskCanceller(curator, paths, codec, this.locator);
		this.deadLetters = new DeadLetterStore(curator, paths, codec);
		this.results = new TaskResults(curator, paths, codec, this.locator, settings.retention());
		this.async = new AsyncSubmitter(curator, paths, pending, this.committer, this);
		this.batch = new BatchSubmitter(curator, paths, this.committer, this);
		this.search = new TaskSearch(curator, paths, codec);
	}

	@Override
	public TaskId submit(String name, Object payload, SubmitOptions options) {
		requireName(name);
		String key = options.getIdempotencyKey();
		TaskTracing.Submit observed = this.tracing.startSubmit(name);
		try (TaskTracing.Scope scope = observed.openScope()) {
			if (key != null) {
				TaskId existing = this.committer.existingFor(name, key);
				if (existing != null) {
					observed.stop(existing, "existing", null);
					return existing;
				}
			}
			PreparedTask prepared = this.preparer.prepare(name, payload, options, observed.trace());
			this.committer.checkPending(name);
			TaskId id = this.committer.commitAndRecord(name, key, prepared);
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
	public TaskPage list(TaskQuery query) {
		try {
			return this.search.list(query);
		}
		catch (IllegalArgumentException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not list tasks '" + query.name() + "': " + ex, ex);
		}
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
		return this.committer.unservedSubmissions();
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
