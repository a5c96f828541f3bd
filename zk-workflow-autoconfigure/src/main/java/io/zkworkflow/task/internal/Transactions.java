package io.zkworkflow.task.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.zkworkflow.internal.TimeIndex;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.jspecify.annotations.Nullable;

/**
 * Commits multi-op transactions. Parent znodes are not created up front: when a create fails
 * because its parent is missing (first use, or an empty bucket container the server removed)
 * the parent is created and the transaction retried. Bucket parents ({@code delay/*},
 * {@code done/*}, the second buckets of the search index) are containers, which the server deletes once empty.
 */
final class Transactions {

	/**
	 * A submit can meet up to four missing parents (marker bucket, data and ready shards, index
	 * bucket), one per try; one more for a container the server removed meanwhile.
	 */
	private static final int PARENT_RETRIES = 5;

	private final CuratorFramework curator;

	private final Set<String> knownParents = ConcurrentHashMap.newKeySet();

	Transactions(CuratorFramework curator) {
		this.curator = curator;
	}

	List<CuratorTransactionResult> commit(List<CuratorOp> ops) throws Exception {
		for (int attempt = 0;; attempt++) {
			try {
				return this.curator.transaction().forOperations(ops);
			}
			catch (KeeperException ex) {
				Failure failure = failure(ex);
				if (attempt >= PARENT_RETRIES || failure == null || failure.code() != KeeperException.Code.NONODE) {
					throw ex;
				}
				CuratorOp op = ops.get(failure.index());
				if (op.getTypeAndPath().getType() != OperationType.CREATE) {
					throw ex;
				}
				String parent = ZKPaths.getPathAndNode(op.getTypeAndPath().getForPath()).getPath();
				this.knownParents.remove(parent);
				ensure(parent);
			}
		}
	}

	/**
	 * Create {@code path} (and its ancestors) if missing. Buckets become containers.
	 * @param path the znode path
	 */
	void ensure(String path) throws Exception {
		if (this.knownParents.contains(path)) {
			return;
		}
		CreateMode mode = modeOf(path);
		try {
			this.curator.create().creatingParentsIfNeeded().withMode(mode).forPath(path);
		}
		catch (KeeperException.NodeExistsException ex) {
			// already there
		}
		if (mode != CreateMode.CONTAINER) {
			this.knownParents.add(path);
		}
	}

	/**
	 * How a parent znode is created: bucket parents ({@code delay/*}, {@code done/*}) as
	 * containers, the rest persistent.
	 * @param path the parent's path
	 * @return its mode
	 */
	static CreateMode modeOf(String path) {
		CreateMode indexBucket = TimeIndex.bucketMode(path);
		if (indexBucket != null) {
			return indexBucket;
		}
		String grandParent = ZKPaths.getNodeFromPath(ZKPaths.getPathAndNode(path).getPath());
		boolean bucket = grandParent.equals("delay") || grandParent.equals("done");
		return bucket ? CreateMode.CONTAINER : CreateMode.PERSISTENT;
	}

	/**
	 * Return the operation that made a transaction fail and why, or {@code null} when the
	 * exception does not come from a failed multi.
	 * @param ex the exception
	 * @return the failure
	 */
	static @Nullable Failure failure(Exception ex) {
		if (ex instanceof TransactionRefusedException refused) {
			return refused.failure();
		}
		if (!(ex instanceof KeeperException keeperException) || keeperException.getResults() == null) {
			return null;
		}
		List<OpResult> results = keeperException.getResults();
		for (int i = 0; i < results.size(); i++) {
			if (results.get(i) instanceof OpResult.ErrorResult error && error.getErr() != 0
					&& error.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
				return new Failure(i, KeeperException.Code.get(error.getErr()));
			}
		}
		return null;
	}

	/**
	 * Return the operation that made a background transaction fail and why, or {@code null}
	 * when no operation failed (the whole request failed, or it succeeded).
	 * @param results the results of the background transaction, {@code null} when absent
	 * @return the failure
	 */
	static @Nullable Failure failure(@Nullable List<CuratorTransactionResult> results) {
		if (results == null) {
			return null;
		}
		for (int i = 0; i < results.size(); i++) {
			int error = results.get(i).getError();
			if (error != 0 && error != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
				return new Failure(i, KeeperException.Code.get(error));
			}
		}
		return null;
	}

	/**
	 * The operation that failed a transaction.
	 *
	 * @param index its position in the transaction
	 * @param code the error
	 */
	record Failure(int index, KeeperException.Code code) {
	}

}
