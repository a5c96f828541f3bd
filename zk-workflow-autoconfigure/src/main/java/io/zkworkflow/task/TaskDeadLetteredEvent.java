package io.zkworkflow.task;

/**
 * Published on the instance that moved a task to the dead letters.
 *
 * @param id the task
 * @param attempts attempts made
 * @param error the last error
 */
public record TaskDeadLetteredEvent(TaskId id, int attempts, String error) {
}
