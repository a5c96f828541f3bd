package io.zkworkflow.task;

/**
 * What {@link TaskClient#submitAll(java.util.List)} did with one element.
 *
 * @param id the task's id: the new task's, or, for an idempotency key already used (earlier
 * or by an earlier element of the same batch), the first task's
 * @param created whether this element created the task; {@code false} when its idempotency
 * key answered with an existing task and nothing was written
 */
public record SubmitResult(TaskId id, boolean created) {
}
