package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.TaskId;
import io.zkworkflow.task.TaskState;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * Cancels a task that still waits (delayed or ready): one transaction removes it from where
 * it waits and records it as cancelled. A task that moves on while it is looked up (claimed,
 * or due and made ready) is looked up again, a few times.
 */
final class TaskCanceller {

	private static final int ROUNDS = 3;

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final TaskLocator locator;

	private final Transactions transactions;

	TaskCanceller(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskLocator locator) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.locator = locator;
		this.transactions = new Transactions(curator);
	}

	boolean cancel(TaskId id) throws Exception {
		for (int round = 0; round < ROUNDS; round++) {
			TaskLocator.Found found = this.locator.findWaiting(id);
			if (found == null) {
				return false;
			}
			DoneRecord done = new DoneRecord(id.uid(), TaskState.CANCELLED.name(), found.record().attempts(),
					System.currentTimeMillis(), null, found.record().history());
			List<CuratorOp> ops = new ArrayList<>(3);
			ops.add(this.curator.transactionOp().delete().withVersion(found.version()).forPath(found.path()));
			if (found.queued()) {
				ops.add(TaskOps.finish(this.curator, this.paths, found.record()));
			}
			ops.add(this.curator.transactionOp()
				.create()
				.forPath(this.paths.done(id.name(), id.uid()), this.codec.write(done)));
			try {
				this.transactions.commit(ops);
				return true;
			}
			catch (KeeperException ex) {
				// moved on while we looked (claimed, or due and moved to ready): look again
			}
		}
		return false;
	}

}
