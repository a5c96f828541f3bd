package io.zkworkflow.autoconfigure.task;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.PreparedTask;
import io.zkworkflow.task.SubmitOptions;
import io.zkworkflow.task.TaskClient;
import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskStatus;

/**
 * An application's own {@link TaskClient}, in place of zk-workflow's: the condition tests only
 * check that the context starts with it, so it refuses every call.
 */
final class RefusingTaskClient implements TaskClient {

	@Override
	public TaskId submit(String name, Object payload, SubmitOptions options) {
		throw refused();
	}

	@Override
	public CompletableFuture<TaskId> submitAsync(String name, Object payload, SubmitOptions options) {
		return CompletableFuture.failedFuture(refused());
	}

	@Override
	public PreparedTask prepare(String name, Object payload, SubmitOptions options) {
		throw refused();
	}

	@Override
	public TaskStatus status(TaskId id) {
		throw refused();
	}

	@Override
	public boolean cancel(TaskId id) {
		throw refused();
	}

	@Override
	public List<DeadLetter> deadLetters(String name, int limit) {
		throw refused();
	}

	@Override
	public boolean retryDeadLetter(TaskId id) {
		throw refused();
	}

	@Override
	public boolean purgeDeadLetter(TaskId id) {
		throw refused();
	}

	private static UnsupportedOperationException refused() {
		return new UnsupportedOperationException("This application's own TaskClient runs no tasks");
	}

}
