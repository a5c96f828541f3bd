package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;

/**
 * The operations of the protocol's transactions, built in one place:
 * <ul>
 * <li>claim: [delete ready node, create run node, create ephemeral lease]</li>
 * <li>end of an attempt: [delete lease, delete run node] followed by the next home of the
 * task (done, delay, ready or dead node). Deleting the lease fails when it is gone, so a
 * worker that lost its lease can never end the attempt.</li>
 * </ul>
 */
final class TaskOps {

	/** Position of the lease deletion in an attempt-ending transaction. */
	static final int LEASE_INDEX = 0;

	/** Position of the run node deletion in an attempt-ending transaction. */
	static final int RUN_INDEX = 1;

	private TaskOps() {
	}

	static List<CuratorOp> claim(CuratorFramework curator, TaskPaths paths, String readyPath, int readyVersion,
			String runPath, byte[] runData) throws Exception {
		return List.of(curator.transactionOp().delete().withVersion(readyVersion).forPath(readyPath),
				curator.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(runPath, runData),
				curator.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(paths.lease(runPath)));
	}

	/** [delete lease, delete run node], to which the caller appends the task's next home. */
	static List<CuratorOp> endAttempt(CuratorFramework curator, TaskPaths paths, String runPath) throws Exception {
		List<CuratorOp> ops = new ArrayList<>();
		ops.add(curator.transactionOp().delete().withVersion(0).forPath(paths.lease(runPath)));
		ops.add(curator.transactionOp().delete().forPath(runPath));
		return ops;
	}

	static CuratorOp createReady(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		return curator.transactionOp()
			.create()
			.withMode(CreateMode.PERSISTENT_SEQUENTIAL)
			.forPath(paths.readyPrefix(record.name(), record.uid()), codec.write(record));
	}

	static CuratorOp createDelayed(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		return curator.transactionOp()
			.create()
			.forPath(paths.delayed(record.name(), record.dueAt(), record.uid()), codec.write(record));
	}

	/** The ready node when the task is due, else its delay node. */
	static CuratorOp requeue(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		return (record.dueAt() > System.currentTimeMillis()) ? createDelayed(curator, paths, codec, record)
				: createReady(curator, paths, codec, record);
	}

	static CuratorOp createDead(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		return curator.transactionOp()
			.create()
			.forPath(paths.dead(record.name(), record.uid()), codec.write(record));
	}

	static CuratorOp createDone(CuratorFramework curator, TaskPaths paths, TaskCodec codec, String name,
			DoneRecord done) throws Exception {
		return curator.transactionOp().create().forPath(paths.done(name, done.uid()), codec.write(done));
	}

}
