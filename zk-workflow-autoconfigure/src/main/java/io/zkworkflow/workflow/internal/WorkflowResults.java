package io.zkworkflow.workflow.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.zkworkflow.internal.AwaitedResults;
import io.zkworkflow.internal.ZnodeWaiter;
import io.zkworkflow.workflow.UnknownWorkflowException;
import io.zkworkflow.workflow.WorkflowCancelledException;
import io.zkworkflow.workflow.WorkflowDefinition;
import io.zkworkflow.workflow.WorkflowFailedException;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowResultTimeoutException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Waits for workflows to end, from any instance. A workflow is one znode whose data changes
 * with every transition, so a wait reads it with a data watch ({@link ZnodeWaiter}) and reads
 * it again on each change until its state is finished. The result is computed from the
 * record and the local definition ({@link WorkflowPlanner#resultOf}).
 */
final class WorkflowResults implements AutoCloseable {

	private final WorkflowStore store;

	private final Duration retention;

	private final ZnodeWaiter waiter;

	WorkflowResults(WorkflowStore store, Duration retention) {
		this.store = store;
		this.retention = retention;
		this.waiter = new ZnodeWaiter(store.curator(), "workflow-result");
	}

	<T> @Nullable T result(WorkflowId id, Class<T> type, Duration timeout) {
		AwaitedResults.checkTimeout(timeout, "workflow " + id);
		CompletableFuture<WorkflowRecord> end = this.waiter.await((watches) -> check(id, watches), true);
		return convert(AwaitedResults.get(end, timeout, () -> new WorkflowResultTimeoutException(id, timeout),
				"workflow " + id), id, type);
	}

	<T> CompletableFuture<@Nullable T> resultAsync(WorkflowId id, Class<T> type) {
		CompletableFuture<WorkflowRecord> end = this.waiter.await((watches) -> check(id, watches), false);
		return AwaitedResults.map(end, (record) -> convert(record, id, type), "workflow " + id);
	}

	/** The record once the workflow ended, {@code null} while it runs; an unknown id throws. */
	private @Nullable WorkflowRecord check(WorkflowId id, ZnodeWaiter.Watches watches) throws Exception {
		byte[] data = watches.data(this.store.paths().workflow(id.value()));
		if (data == null) {
			throw new UnknownWorkflowException(id, "Workflow " + id + " is unknown: it was never started, or it ended "
					+ "longer ago than zk-workflow.workflows.retention (" + this.retention + ") and was removed by "
					+ "the retention (a workflow id carries no time, so the two cannot be told apart). Keep results "
					+ "yourself with WorkflowCompletedEvent, or raise the retention.");
		}
		WorkflowRecord record = this.store.codec().read(data, WorkflowRecord.class);
		return record.state.isFinished() ? record : null;
	}

	private <T> @Nullable T convert(WorkflowRecord record, WorkflowId id, Class<T> type) {
		switch (record.state) {
			case FAILED -> throw new WorkflowFailedException(id, record.failedStep, record.error);
			case CANCELLED -> throw new WorkflowCancelledException(id);
			default -> {
				// COMPLETED
			}
		}
		WorkflowDefinition definition = this.store.registry().get(record.definition);
		if (definition == null) {
			throw new IllegalStateException("Workflow " + id + " completed, but its definition '" + record.definition
					+ "' is not declared in this application, and the result (the output of its last steps) is "
					+ "found through the definition. Declare its WorkflowDefinition bean here, or read the step "
					+ "outputs with WorkflowClient.status(id).");
		}
		if (record.version != null && !record.version.equals(definition.version())) {
			throw new IllegalStateException("Workflow " + id + " completed on version " + record.version + " of '"
					+ record.definition + "', but this instance declares version " + definition.version()
					+ ", and the result (the output of the last steps) is found through the shape of the version "
					+ "it ran. Ask an instance that declares version " + record.version
					+ ", or read the step outputs with WorkflowClient.status(id).");
		}
		JsonNode result = this.store.planner().resultOf(definition, record);
		if (result.isNull()) {
			return null;
		}
		try {
			return this.store.codec().application().treeToValue(result, type);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The result of workflow " + id + " cannot be read as " + type.getName()
					+ ": " + ex.getOriginalMessage() + ". Ask for the type its last step returns, or JsonNode.", ex);
		}
	}

	@Override
	public void close() {
		this.waiter.close();
	}

}
