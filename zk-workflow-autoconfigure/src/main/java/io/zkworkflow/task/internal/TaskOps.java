package io.zkworkflow.task.internal;

import java.util.ArrayList;
import java.util.List;

import io.zkworkflow.task.SubmitOptions;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;

/**
 * The operations of the protocol's transactions, built in one place. A task that is ready or
 * running lives in a data node; a ready marker in its queue shard and, once claimed, a run
 * node with an ephemeral lease say where it stands:
 * <ul>
 * <li>submit: [create data node, create ready marker] ({@link #enqueue}), or a delay node
 * holding the whole record ({@link #createDelayed});</li>
 * <li>claim: [delete ready marker, check data node, create run node, create ephemeral lease]. It
 * needs nothing read first, so a worker sends it at once and reads the data node alongside;</li>
 * <li>end of an attempt: [delete lease, delete run node] followed by the task's next home
 * ({@link #finish} plus a done or dead node, {@link #requeue}, or {@link #handBack}), the
 * record written there carrying the attempt's summary ({@link AttemptHistory}).
 * Deleting the lease fails when it is gone, so a worker that lost its lease can never end
 * the attempt.</li>
 * </ul>
 */
final class TaskOps {

	private static final byte[] EMPTY = new byte[0];

	/** Position of the data node check in a claim. */
	static final int CLAIM_DATA_INDEX = 1;

	/** Position of the lease deletion in an attempt-ending transaction. */
	static final int LEASE_INDEX = 0;

	/** Position of the run node deletion in an attempt-ending transaction. */
	static final int RUN_INDEX = 1;

	private TaskOps() {
	}

	/**
	 * [delete ready marker, check the data node exists, create run node, create ephemeral lease].
	 * The check keeps a marker that has no task behind it (not written by the engine) in place
	 * instead of consuming it; it fails at {@link #CLAIM_DATA_INDEX} only when the marker exists.
	 */
	static List<CuratorOp> claim(CuratorFramework curator, TaskPaths paths, String readyPath, String dataPath,
			String runPath, byte[] runData) throws Exception {
		return List.of(curator.transactionOp().delete().forPath(readyPath),
				curator.transactionOp().check().forPath(dataPath),
				curator.transactionOp().create().withMode(CreateMode.PERSISTENT).forPath(runPath, runData),
				createLease(curator, paths, runPath));
	}

	/**
	 * [create the ephemeral lease of a claimed run node]. Every running task holds one such node
	 * in this instance's session (beside its member node); claims create them here and nowhere
	 * else.
	 */
	static CuratorOp createLease(CuratorFramework curator, TaskPaths paths, String runPath) throws Exception {
		return curator.transactionOp().create().withMode(CreateMode.EPHEMERAL).forPath(paths.lease(runPath));
	}

	/** [delete lease, delete run node], to which the caller appends the task's next home. */
	static List<CuratorOp> endAttempt(CuratorFramework curator, TaskPaths paths, String runPath) throws Exception {
		List<CuratorOp> ops = new ArrayList<>();
		ops.add(curator.transactionOp().delete().withVersion(0).forPath(paths.lease(runPath)));
		ops.add(curator.transactionOp().delete().forPath(runPath));
		return ops;
	}

	/** A task without a data node becomes ready: [create data node, create ready marker]. */
	static List<CuratorOp> enqueue(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		return List.of(
				curator.transactionOp().create().forPath(paths.data(record.name(), record.uid()), codec.write(record)),
				readyMarker(curator, paths, record));
	}

	static CuratorOp createDelayed(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		return curator.transactionOp()
			.create()
			.forPath(paths.delayed(record.name(), record.dueAt(), record.uid()), codec.write(record));
	}

	/** A task whose data node exists leaves the queue for good: [delete data node]. */
	static CuratorOp finish(CuratorFramework curator, TaskPaths paths, TaskRecord record) throws Exception {
		return curator.transactionOp().delete().forPath(paths.data(record.name(), record.uid()));
	}

	/**
	 * A task whose data node exists waits again: when due, [update data node, create ready
	 * marker]; else [delete data node, create delay node].
	 */
	static List<CuratorOp> requeue(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		if (record.dueAt() > System.currentTimeMillis()) {
			return List.of(finish(curator, paths, record), createDelayed(curator, paths, codec, record));
		}
		return List.of(
				curator.transactionOp().setData().forPath(paths.data(record.name(), record.uid()), codec.write(record)),
				readyMarker(curator, paths, record));
	}

	/**
	 * A running task goes back to the queue as it was before its claim, its data node keeping
	 * the handed-back attempt in its history: [update data node, create ready marker].
	 */
	static List<CuratorOp> handBack(CuratorFramework curator, TaskPaths paths, TaskCodec codec, TaskRecord record)
			throws Exception {
		return List.of(
				curator.transactionOp().setData().forPath(paths.data(record.name(), record.uid()), codec.write(record)),
				readyMarker(curator, paths, record));
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

	/**
	 * [create the task's search index entry]: empty, named by its uid in its submit-time
	 * bucket; written once with the submit, removed by the retention sweep once the task is gone.
	 */
	static CuratorOp createIndexEntry(CuratorFramework curator, TaskPaths paths, TaskRecord record) throws Exception {
		return curator.transactionOp().create().forPath(paths.indexEntry(record.name(), record.uid()), EMPTY);
	}

	private static CuratorOp readyMarker(CuratorFramework curator, TaskPaths paths, TaskRecord record)
			throws Exception {
		return curator.transactionOp()
			.create()
			.withMode(CreateMode.PERSISTENT_SEQUENTIAL)
			.forPath(paths.readyPrefix(record.name(), record.uid(), SubmitOptions.priorityOf(record.attributes())), EMPTY);
	}

}
