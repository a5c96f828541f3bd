package io.zkworkflow.task.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.zkworkflow.internal.AwaitedResults;
import io.zkworkflow.internal.ZnodeWaiter;
import io.zkworkflow.task.TaskCancelledException;
import io.zkworkflow.task.TaskFailedException;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskResultTimeoutException;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.task.TaskStatus;
import io.zkworkflow.task.UnknownTaskException;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Waits for tasks to end, from any instance. A task ends by the creation of its done node
 * (succeeded or cancelled) or of its dead letter, both at paths its id names, so a wait
 * watches those two znodes ({@link ZnodeWaiter}) and looks the task up after arming them: an
 * ending before the watches is found by the lookup, one after fires a watch. A task found
 * nowhere is unknown; its id's submit time tells a task removed by the retention from one
 * never submitted.
 */
final class TaskResults implements AutoCloseable {

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final TaskLocator locator;

	private final Duration retention;

	private final ZnodeWaiter waiter;

	TaskResults(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskLocator locator, Duration retention) {
		this.paths = paths;
		this.codec = codec;
		this.locator = locator;
		this.retention = retention;
		this.waiter = new ZnodeWaiter(curator, "task-result");
	}

	<T> @Nullable T result(TaskId id, Class<T> type, Duration timeout) {
		AwaitedResults.checkTimeout(timeout, "task " + id);
		CompletableFuture<TaskStatus> ending = this.waiter.await((watches) -> check(id, watches), true);
		return convert(AwaitedResults.get(ending, timeout, () -> new TaskResultTimeoutException(id, timeout),
				"task " + id), type);
	}

	<T> CompletableFuture<@Nullable T> resultAsync(TaskId id, Class<T> type) {
		CompletableFuture<TaskStatus> ending = this.waiter.await((watches) -> check(id, watches), false);
		return AwaitedResults.map(ending, (status) -> convert(status, type), "task " + id);
	}

	/** The task's status once it ended, {@code null} while it has not; unknown ids throw. */
	private @Nullable TaskStatus check(TaskId id, ZnodeWaiter.Watches watches) throws Exception {
		long submittedAt = submittedAt(id);
		if (submittedAt < 0) {
			throw new UnknownTaskException(id, false, "Task " + id + " is unknown: its id is not one that "
					+ "TaskClient.submit returns, so no such task was ever submitted");
		}
		watches.exists(this.paths.done(id.name(), id.uid()));
		watches.exists(this.paths.dead(id.name(), id.uid()));
		TaskStatus status = this.locator.status(id);
		return switch (status.state()) {
			case SUCCEEDED, CANCELLED, DEAD -> status;
			case UNKNOWN -> throw unknown(id, submittedAt);
			default -> null;
		};
	}

	private UnknownTaskException unknown(TaskId id, long submittedAt) {
		long age = System.currentTimeMillis() - submittedAt;
		if (age >= this.retention.toMillis()) {
			return new UnknownTaskException(id, true, "Task " + id + " is unknown: it was submitted at "
					+ Instant.ofEpochMilli(submittedAt) + ", longer ago than " + TaskEngineSettings.property("retention")
					+ " (" + this.retention + "), and its outcome was removed by the retention. Raise the retention "
					+ "or keep results yourself (TaskCompletedEvent).");
		}
		return new UnknownTaskException(id, false, "Task " + id + " is unknown: it was never submitted (or it was "
				+ "dead-lettered and its dead letter was purged); it is younger than the retention ("
				+ this.retention + "), so the retention did not remove it");
	}

	private static long submittedAt(TaskId id) {
		if (!TaskUids.isUid(id.uid())) {
			return -1;
		}
		try {
			TaskUids.shard(id.uid());
			return TaskUids.submittedAt(id.uid());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private <T> @Nullable T convert(TaskStatus status, Class<T> type) {
		TaskId id = status.id();
		if (status.state() == TaskState.CANCELLED) {
			throw new TaskCancelledException(id);
		}
		if (status.state() == TaskState.DEAD) {
			throw new TaskFailedException(id, status.attempts(), status.lastError());
		}
		JsonNode output = status.output();
		if (output == null || output.isNull()) {
			return null;
		}
		try {
			return this.codec.application().treeToValue(output, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The output of task " + id + " cannot be read as " + type.getName()
					+ ": " + ex.getOriginalMessage() + ". Ask for the type its handler returns, or JsonNode.", ex);
		}
	}

	@Override
	public void close() {
		this.waiter.close();
	}

}
