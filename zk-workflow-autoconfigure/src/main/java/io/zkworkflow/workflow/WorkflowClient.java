package io.zkworkflow.workflow;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Starts workflow instances and looks after them. Every method talks to ZooKeeper and
 * returns only after ZooKeeper committed (or refused) its change.
 */
public interface WorkflowClient {

	/**
	 * Start a workflow. Returns once the instance and its first step's task are committed.
	 * @param definition the name of a {@link WorkflowDefinition} bean of this application
	 * @param input the input, turned into JSON with the application's mapper; the first step
	 * receives it as its payload
	 * @return the new workflow's id
	 * @throws WorkflowStartException if the definition is unknown, the input too large, or
	 * ZooKeeper refused the start
	 */
	default WorkflowId start(String definition, Object input) {
		return start(definition, input, StartOptions.none());
	}

	/**
	 * Start a workflow with options. With an idempotency key already used for this
	 * definition, returns the first workflow's id and starts nothing.
	 * @param definition the definition name
	 * @param input the input
	 * @param options the options
	 * @return the workflow's id
	 */
	WorkflowId start(String definition, Object input, StartOptions options);

	/**
	 * Return a snapshot of a workflow: its state and every step's state, attempts and output.
	 * @param id the workflow
	 * @return its status, {@link WorkflowState#UNKNOWN} when not found
	 */
	WorkflowStatus status(WorkflowId id);

	/**
	 * Wait for a workflow's result: the output of its last step, converted to {@code type}
	 * with the application's Jackson mapper. With several last steps (steps no other step
	 * waits for) the result is what a step after all of them would receive: a JSON object of
	 * the outputs of those that succeeded, keyed by step name. Works on any instance that
	 * declares the definition, not only the one that started the workflow, and returns at once
	 * when the workflow has already ended; otherwise a ZooKeeper watch wakes the wait at each
	 * transition. A timeout does not affect the workflow.
	 * @param <T> the result type
	 * @param id the workflow
	 * @param type what to convert the result to ({@code JsonNode} for the JSON as it is)
	 * @param timeout how long to wait; {@link Duration#ZERO} takes a result only if it is there
	 * @return the result, {@code null} for a last step that returns nothing
	 * @throws WorkflowFailedException if the workflow ended FAILED
	 * @throws WorkflowCancelledException if the workflow ended CANCELLED
	 * @throws UnknownWorkflowException if the workflow was never started or was removed after
	 * {@code zk-workflow.workflows.retention}
	 * @throws WorkflowResultTimeoutException if the workflow has not ended within the timeout
	 * @throws IllegalArgumentException if the result cannot be converted to {@code type}
	 */
	default <T> @Nullable T result(WorkflowId id, Class<T> type, Duration timeout) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot wait for a workflow's result; "
				+ "zk-workflow's own client can");
	}

	/**
	 * Wait for a workflow's result without blocking: like {@link #result}, with the outcome
	 * delivered through the returned future, which fails with the exceptions {@code result}
	 * throws (except the timeout: bound the wait with {@link CompletableFuture#orTimeout}).
	 * The future is completed by a ZooKeeper watch, so no thread waits meanwhile. Cancelling
	 * it, or its timing out, ends the wait and removes the watch. Dependent stages that are not
	 * {@code *Async} run on the client's own small pool: do not block in them.
	 * @param <T> the result type
	 * @param id the workflow
	 * @param type what to convert the result to
	 * @return the result once the workflow completed
	 */
	default <T> CompletableFuture<@Nullable T> resultAsync(WorkflowId id, Class<T> type) {
		return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getName()
				+ " cannot wait for a workflow's result; zk-workflow's own client can"));
	}

	/**
	 * List workflows of one definition, oldest start first, one page at a time, from a search
	 * index written with each start: a call reads only the index buckets of the page, never
	 * every workflow. States are read from the workflow records, so every listed state was true
	 * while the page was read. Workflows started before the index existed are not listed.
	 * @param query the definition, states, start-time range, page size and cursor
	 * @return the page; continue with {@link WorkflowPage#nextCursor()} until it is {@code null}
	 * @throws IllegalArgumentException if the cursor is malformed, altered or belongs to
	 * another query
	 */
	default WorkflowPage list(WorkflowQuery query) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot list workflows; "
				+ "zk-workflow's own client can");
	}

	/**
	 * Cancel a workflow: steps already running finish, steps whose task has not started are
	 * withdrawn, nothing new starts, and the compensation step runs if defined.
	 * @param id the workflow
	 * @return whether the workflow was running and is now cancelling (or cancelled)
	 */
	boolean cancel(WorkflowId id);

	/**
	 * Send the signal {@code name} to a workflow, from any instance: the step declared with
	 * {@code waitFor(name, timeout)} succeeds with {@code payload} (JSON, with the
	 * application's mapper) as its output. A signal sent before the workflow reaches that step
	 * is kept in ZooKeeper and consumed when the step starts. Only the first signal of a name
	 * counts: later ones return {@link SignalDelivery#DUPLICATE} and change nothing.
	 * @param id the workflow
	 * @param name the signal's name, as in {@code waitFor}
	 * @param payload the payload, at most {@code zk-workflow.workflows.max-output} as JSON
	 * @return whether the signal was delivered, kept, or a duplicate
	 * @throws UnknownWorkflowException if the workflow is not in ZooKeeper
	 * @throws WorkflowSignalException if the workflow ended or is ending, waits for no signal
	 * of that name, its wait timed out or was skipped, or the payload is too large
	 */
	default SignalDelivery signal(WorkflowId id, String name, Object payload) {
		throw new UnsupportedOperationException(getClass().getName() + " cannot signal a workflow; "
				+ "zk-workflow's own client can");
	}

}
