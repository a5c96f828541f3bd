package io.zkworkflow.task;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One task of a {@link TaskPage}: enough to show it in a list; {@link TaskClient#status(TaskId)}
 * has the rest (error, output).
 *
 * @param id the task
 * @param state where the task was when it was listed
 * @param attempts attempts started so far
 * @param submittedAt when it was submitted
 * @param notBefore when a scheduled or retried task becomes ready, if it waits for a time
 */
public record TaskSummary(TaskId id, TaskState state, int attempts, Instant submittedAt, @Nullable Instant notBefore) {
}
