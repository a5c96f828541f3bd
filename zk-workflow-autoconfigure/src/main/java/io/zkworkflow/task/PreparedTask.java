package io.zkworkflow.task;

import java.util.List;

import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * The operations that create one task, for a caller that commits them in its own
 * transaction.
 *
 * @param id the id the task has once the operations are committed
 * @param ops the operations, in order
 */
public record PreparedTask(TaskId id, List<CuratorOp> ops) {
}
