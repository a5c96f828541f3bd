package io.zkworkflow.benchmarks.capability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.zkworkflow.internal.TimeIndex;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.OperationType;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * Pipelined multi-op transactions, to build and tear down large znode populations (a backlog
 * of a million tasks) in seconds instead of one synchronous round trip per znode.
 */
final class BulkWrites {

	private static final int IN_FLIGHT = 16;

	private static final int DELETE_BATCH = 500;

	private BulkWrites() {
	}

	/**
	 * Commit every batch as one transaction, up to {@value #IN_FLIGHT} in flight.
	 * @param client the client
	 * @param batches the transactions
	 * @throws Exception the first failure
	 */
	static void commit(CuratorFramework client, Iterator<List<CuratorOp>> batches) throws Exception {
		Semaphore permits = new Semaphore(IN_FLIGHT);
		AtomicReference<@Nullable String> failure = new AtomicReference<>();
		Set<String> buckets = new HashSet<>();
		while (batches.hasNext() && failure.get() == null) {
			List<CuratorOp> batch = batches.next();
			ensureIndexBuckets(client, batch, buckets);
			permits.acquire();
			client.transaction().inBackground((c, event) -> {
				if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
					failure.compareAndSet(null, KeeperException.Code.get(event.getResultCode()) + " on a batch of "
							+ batch.size() + " operations");
				}
				permits.release();
			}).forOperations(batch);
		}
		if (!permits.tryAcquire(IN_FLIGHT, 5, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Bulk transactions did not complete within 5 minutes");
		}
		String problem = failure.get();
		if (problem != null) {
			throw new IllegalStateException("A bulk transaction failed: " + problem);
		}
	}

	/**
	 * Create the search index buckets the creates of a batch need (a submit's operations end
	 * with its index entry, in a bucket of its submit second), as the engine does on NONODE.
	 */
	private static void ensureIndexBuckets(CuratorFramework client, List<CuratorOp> batch, Set<String> known)
			throws Exception {
		for (CuratorOp op : batch) {
			if (op.getTypeAndPath().getType() != OperationType.CREATE) {
				continue;
			}
			String parent = ZKPaths.getPathAndNode(op.getTypeAndPath().getForPath()).getPath();
			CreateMode mode = TimeIndex.bucketMode(parent);
			if (mode != null && known.add(parent)) {
				try {
					client.create().creatingParentsIfNeeded().withMode(mode).forPath(parent);
				}
				catch (KeeperException.NodeExistsException ex) {
					// made by an earlier run or the engine
				}
			}
		}
	}

	/**
	 * Delete {@code path} and everything below it: children in pipelined batches, recursing
	 * only into the batches that fail because a child has children of its own.
	 * @param client the client
	 * @param path the subtree's root
	 * @throws Exception when ZooKeeper refuses for another reason
	 */
	static void deleteTree(CuratorFramework client, String path) throws Exception {
		List<String> children;
		try {
			children = client.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return;
		}
		List<List<String>> batches = new ArrayList<>();
		for (int i = 0; i < children.size(); i += DELETE_BATCH) {
			batches.add(children.subList(i, Math.min(children.size(), i + DELETE_BATCH)));
		}
		ConcurrentLinkedQueue<List<String>> refused = new ConcurrentLinkedQueue<>();
		Semaphore permits = new Semaphore(IN_FLIGHT);
		for (List<String> batch : batches) {
			List<CuratorOp> ops = new ArrayList<>(batch.size());
			for (String child : batch) {
				ops.add(client.transactionOp().delete().forPath(ZKPaths.makePath(path, child)));
			}
			permits.acquire();
			client.transaction().inBackground((c, event) -> {
				if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
					refused.add(batch);
				}
				permits.release();
			}).forOperations(ops);
		}
		if (!permits.tryAcquire(IN_FLIGHT, 5, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Deleting the children of " + path + " did not complete within 5 minutes");
		}
		for (List<String> batch : refused) {
			for (String child : batch) {
				deleteTree(client, ZKPaths.makePath(path, child));
			}
		}
		try {
			client.delete().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			// gone already
		}
	}

}
