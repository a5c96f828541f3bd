package io.zkworkflow.workflow;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The payload of a workflow's completion listener task (see
 * {@link WorkflowDefinitionBuilder#onComplete(String)}): how one workflow ended. Unlike
 * {@link WorkflowCompletedEvent} and {@link WorkflowFailedEvent}, which one instance
 * publishes at most once, this is a durable task created in the transaction that commits the
 * workflow's end, so it is delivered at least once, whatever instance dies when.
 * <pre class="code">
 * &#64;WorkflowTask(name = "order-finished")
 * void finished(WorkflowCompletion completion, TaskContext context) { ... }
 * </pre>
 *
 * @param id the workflow
 * @param definition the definition name
 * @param state how it ended: {@link WorkflowState#COMPLETED}, {@link WorkflowState#FAILED}
 * or {@link WorkflowState#CANCELLED}
 * @param result for a completed workflow, what {@link WorkflowClient#result} returns, as
 * JSON; {@code null} when it did not complete, when its result is JSON {@code null} (a last
 * step that returns nothing), or when the result is too large to travel
 * in a task payload ({@code zk-workflow.tasks.max-payload}): read it then with
 * {@code WorkflowClient.result} within the retention
 * @param failedStep the step that failed, if any
 * @param error why the workflow failed, if it did
 * @param startedAt when the workflow started
 * @param finishedAt when it ended
 */
public record WorkflowCompletion(WorkflowId id, String definition, WorkflowState state, @Nullable JsonNode result,
		@Nullable String failedStep, @Nullable String error, Instant startedAt, Instant finishedAt) {

	public WorkflowCompletion {
		// JSON null reads back as a NullNode: keep one way of saying "no result"
		result = (result != null && result.isNull()) ? null : result;
	}

}
