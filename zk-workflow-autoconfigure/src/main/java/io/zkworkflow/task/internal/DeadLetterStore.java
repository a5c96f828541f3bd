package io.zkworkflow.task.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.DeadLetter;
import io.zkworkflow.task.TaskId;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * The dead letters of each task name: listed oldest first, retried by moving the task back
 * to its queue in one transaction, or purged.
 */
final class DeadLetterStore {

	private final CuratorFramework curator;

	private final TaskPaths paths;

	private final TaskCodec codec;

	private final Transactions transactions;

	DeadLetterStore(CuratorFramework curator, TaskPaths paths, TaskCodec codec) {
		this.curator = curator;
		this.paths = paths;
		this.codec = codec;
		this.transactions = new Transactions(curator);
	}

	List<DeadLetter> list(String name, int limit) throws Exception {
		List<String> children;
		try {
			children = new ArrayList<>(this.curator.getChildren().forPath(this.paths.deadRoot(name)));
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
		children.sort(null);
		List<DeadLetter> result = new ArrayList<>();
		for (String uid : children) {
			if (result.size() >= limit) {
				break;
			}
			try {
				TaskRecord record = this.codec.read(this.curator.getData().forPath(this.paths.dead(name, uid)),
						TaskRecord.class);
				result.add(new DeadLetter(record.id(), record.attempts(), String.valueOf(record.error()),
						Instant.ofEpochMilli(record.deadAt()), record.payload(), AttemptRecord.toAttempts(record.attemptHistory())));
			}
			catch (KeeperException.NoNodeException ex) {
				// purged or retried meanwhile
			}
		}
		return result;
	}

	/** [delete the dead letter at the version read, enqueue the task afresh]; false if gone meanwhile. */
	boolean retry(TaskId id) throws Exception {
		Stat stat = new Stat();
		String deadPath = this.paths.dead(id.name(), id.uid());
		TaskRecord record;
		try {
			record = this.codec.read(this.curator.getData().storingStatIn(stat).forPath(deadPath), TaskRecord.class);
		}
		catch (KeeperException.NoNodeException ex) {
			return false;
		}
		List<CuratorOp> ops = new ArrayList<>(3);
		ops.add(this.curator.transactionOp().delete().withVersion(stat.getVersion()).forPath(deadPath));
		ops.addAll(TaskOps.enqueue(this.curator, this.paths, this.codec, record.revived()));
		try {
			this.transactions.commit(ops);
			return true;
		}
		catch (KeeperException ex) {
			return false;
		}
	}

	/**
	 * [delete the dead letter, delete its search index entry]; the dead letter alone for a task
	 * submitted before the index existed.
	 */
	boolean purge(TaskId id) throws Exception {
		String dead = this.paths.dead(id.name(), id.uid());
		String entry = indexEntry(id);
		if (entry != null) {
			try {
				this.curator.transaction()
					.forOperations(this.curator.transactionOp().delete().forPath(dead),
							this.curator.transactionOp().delete().forPath(entry));
				return true;
			}
			catch (KeeperException ex) {
				Transactions.Failure failure = Transactions.failure(ex);
				if (failure == null) {
					throw ex;
				}
				if (failure.index() == 0) {
					return false;
				}
			}
		}
		try {
			this.curator.delete().forPath(dead);
			return true;
		}
		catch (KeeperException.NoNodeException ex) {
			return false;
		}
	}

	private @Nullable String indexEntry(TaskId id) {
		try {
			return TaskUids.isUid(id.uid()) ? this.paths.indexEntry(id.name(), id.uid()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
