package io.zkworkflow.task.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskSubmitException;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * The background variant of {@link ZkTaskClient#submit}: the same transaction, sent without
 * waiting, so that many submits can be in flight. Submits made while others are in flight go
 * to ZooKeeper together in one multi ({@link MultiBatcher}), each still its own transaction: a
 * refused one (an idempotency key used meanwhile) fails alone, and a missing parent (first use
 * of a shard or bucket) is created before the batch is sent again.
 * <p>
 * Every callback runs on this class's own pool, never on ZooKeeper's event thread, and so do
 * the dependent stages of the returned futures. The payload is written as JSON on the caller's
 * thread. The first submit of a name counts its pending tasks with blocking calls: it runs the
 * synchronous code on that pool, with the same prepared transaction.
 */
final class AsyncSubmitter implements AutoCloseable {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final PendingCounter pending;

	private final SubmitCommitter committer;

	private final ZkTaskClient client;

	private final ExecutorService pool;

	/** Submits in flight together go to ZooKeeper in one multi, each still its own transaction. */
	private final MultiBatcher batcher;

	AsyncSubmitter(CuratorFramework curator, TaskPaths paths, PendingCounter pending, SubmitCommitter committer,
			ZkTaskClient client) {
		this.committer = committer;
		this.curator = curator;
		this.paths = paths;
		this.pending = pending;
		this.client = client;
		this.batcher = new MultiBatcher(curator);
		String prefix = "zk-task-submit-" + POOLS.incrementAndGet() + "-";
		AtomicInteger threads = new AtomicInteger();
		// a cached pool of its own: many short callbacks reuse threads, which Boot's simple
		// executor (one new thread a task) would not, and the application's pool settings don't fit
		this.pool = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	CompletableFuture<TaskId> submit(String name, Object payload, SubmitOptions options) {
		CompletableFuture<TaskId> result = new CompletableFuture<>();
		try {
			ZkTaskClient.requireName(name);
			String key = options.getIdempotencyKey();
			// observed as a single submit is: until the future completes, with its outcome
			TaskTracing.Submit observed = this.client.startSubmit(name);
			// the payload is written as JSON here, on the caller's thread, never later
			PreparedTask prepared = null;
			TaskSubmitException refused = null;
			try {
				prepared = this.client.prepare(name, payload, options, observed);
			}
			catch (TaskSubmitException ex) {
				refused = ex;
			}
			catch (RuntimeException ex) {
				observed.stop(null, "failed", ex);
				throw ex;
			}
			TaskId preparedId = (prepared != null) ? prepared.id() : null;
			result.whenComplete((id, ex) -> observed.stop(id,
					(ex != null) ? "failed" : id.equals(preparedId) ? "submitted" : "existing", ex));
			if (key == null) {
				send(name, null, prepared, refused, result);
			}
			else {
				// as submit does: a key already used answers with its task, whatever the payload
				PreparedTask keyed = prepared;
				TaskSubmitException keyedRefusal = refused;
				this.curator.getData()
					.inBackground((curator, event) -> guarded(name, result,
							() -> afterMarkerRead(name, key, keyed, keyedRefusal, event, result)), this::callback)
					.forPath(this.paths.idMarker(name, key));
			}
		}
		catch (IllegalArgumentException ex) {
			result.completeExceptionally(ex);
		}
		catch (Throwable ex) {
			result.completeExceptionally(ZkTaskClient.submitFailure(name, ex));
		}
		return result;
	}

	private void afterMarkerRead(String name, String key, @Nullable PreparedTask prepared,
			@Nullable TaskSubmitException refused, CuratorEvent event, CompletableFuture<TaskId> result)
			throws Exception {
		KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
		if (code == KeeperException.Code.OK) {
			result.complete(parse(event.getData()));
		}
		else if (code == KeeperException.Code.NONODE) {
			send(name, key, prepared, refused, result);
		}
		else {
			fail(name, result, KeeperException.create(code, event.getPath()));
		}
	}

	/** Check max-pending, then send the prepared transaction in the background. */
	private void send(String name, @Nullable String key, @Nullable PreparedTask prepared,
			@Nullable TaskSubmitException refused, CompletableFuture<TaskId> result) throws Exception {
		if (refused != null || prepared == null) {
			fail(name, result, (refused != null) ? refused : new IllegalStateException("nothing prepared"));
			return;
		}
		if (!this.pending.isCounted(name)) {
			// the first count of a name reads ZooKeeper synchronously: do it on the pool
			blocking(name, result, () -> {
				this.committer.checkPending(name);
				return this.committer.commitAndRecord(name, key, prepared);
			});
			return;
		}
		this.committer.checkPending(name);
		this.batcher.submitAll(List.of(prepared.ops()))
			.get(0)
			.whenCompleteAsync((committed, ex) -> guarded(name, result, () -> afterCommit(name, key, prepared, ex, result)),
					this::callback);
	}

	private void afterCommit(String name, @Nullable String key, PreparedTask prepared, @Nullable Throwable failed,
			CompletableFuture<TaskId> result) throws Exception {
		if (failed == null) {
			this.committer.recordSubmitted(name);
			result.complete(prepared.id());
			return;
		}
		// the batcher's own future, not a dependent stage: its exception arrives unwrapped
		Transactions.Failure failure = (failed instanceof Exception ex) ? Transactions.failure(ex) : null;
		if (key != null && failure != null && failure.index() == 0
				&& failure.code() == KeeperException.Code.NODEEXISTS) {
			// lost a race for the key: answer with the winner's task
			String path = this.paths.idMarker(name, key);
			this.curator.getData()
				.inBackground((curator, read) -> guarded(name, result, () -> {
					if (read.getResultCode() == KeeperException.Code.OK.intValue()) {
						result.complete(parse(read.getData()));
					}
					else {
						fail(name, result, KeeperException.create(failure.code(), path));
					}
				}), this::callback)
				.forPath(path);
		}
		else {
			fail(name, result, failed);
		}
	}

	private static TaskId parse(byte[] marker) {
		return TaskId.parse(new String(marker, StandardCharsets.UTF_8));
	}

	private static void fail(String name, CompletableFuture<TaskId> result, Throwable ex) {
		result.completeExceptionally(ZkTaskClient.submitFailure(name, ex));
	}

	/** Run a callback step; whatever it throws fails the future rather than being lost. */
	private static void guarded(String name, CompletableFuture<TaskId> result, Step step) {
		try {
			step.run();
		}
		catch (Throwable ex) {
			fail(name, result, ex);
		}
	}

	private void blocking(String name, CompletableFuture<TaskId> result, Blocking work) {
		try {
			this.pool.execute(() -> guarded(name, result, () -> result.complete(work.call())));
		}
		catch (RejectedExecutionException ex) {
			result.completeExceptionally(new TaskSubmitException("Could not submit task '" + name
					+ "': the task client is closed (its application context is shutting down)."));
		}
	}

	/** Where Curator runs the callbacks: the pool, or the caller once the pool is closed. */
	private void callback(Runnable command) {
		try {
			this.pool.execute(command);
		}
		catch (RejectedExecutionException ex) {
			command.run();
		}
	}

	@Override
	public void close() {
		this.pool.shutdown();
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	@FunctionalInterface
	private interface Blocking {

		TaskId call() throws Exception;

	}

}
