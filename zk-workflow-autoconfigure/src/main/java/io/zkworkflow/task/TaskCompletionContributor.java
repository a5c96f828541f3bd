package io.zkworkflow.task;

import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;

/**
 * Adds operations to the ZooKeeper transaction that ends a task (its success or its dead
 * letter), so that they commit atomically with it: record a workflow step's output, enqueue
 * successors ({@link TaskClient#prepare}), update join counters with version checks.
 * <p>
 * The engine calls every contributor bean, then commits [delete lease, delete run node,
 * record outcome, contributed ops...] as one multi. When the lease is gone the whole
 * transaction is refused (a zombie never commits). When one of the contributed operations
 * fails (for example a version check lost a race), the engine asks the contributors again
 * (they re-read what they check) and retries a few times while the lease is held.
 */
@FunctionalInterface
public interface TaskCompletionContributor {

	/**
	 * Return operations to add to the transaction that ends the task. Must not commit
	 * anything itself; may read ZooKeeper.
	 * @param outcome how the task ended
	 * @param curator the client, to read state and build operations with
	 * {@code curator.transactionOp()}
	 * @return operations to add, possibly empty
	 * @throws Exception if the operations cannot be built; the attempt then fails
	 */
	List<CuratorOp> contribute(TaskOutcome outcome, CuratorFramework curator) throws Exception;

}
