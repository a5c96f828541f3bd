/**
 * Durable distributed tasks: {@link io.zkworkflow.task.WorkflowTask} handlers that any
 * instance may run, submitted with {@link io.zkworkflow.task.TaskClient}. Nothing submitted
 * is lost and each task commits its outcome once; a handler may run more than once (a worker
 * that lost its lease mid-run), so handlers use the idempotency key and fencing token of
 * {@link io.zkworkflow.task.TaskContext} to be effectively-once.
 */
@NullMarked
package io.zkworkflow.task;

import org.jspecify.annotations.NullMarked;
