package io.zkworkflow.lock.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;

/**
 * Curator background calls as futures, so that every wait can be bounded by a deadline.
 */
final class ZkCalls {

	private ZkCalls() {
	}

	/**
	 * One round trip: create our request node and touch the lock directory, whose returned
	 * {@code Stat} tells how many requests exist and (its mzxid) which transaction created ours.
	 */
	static CompletableFuture<CuratorEvent> createRequest(CuratorFramework curator, String prefix, String dir,
			byte[] data) {
		CompletableFuture<CuratorEvent> future = new CompletableFuture<>();
		try {
			curator.transaction()
				.inBackground(callback(future))
				.forOperations(
						curator.transactionOp().create().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(prefix, data),
						curator.transactionOp().setData().forPath(dir));
		}
		catch (Exception ex) {
			future.completeExceptionally(ex);
		}
		return future;
	}

	static CompletableFuture<CuratorEvent> createContainer(CuratorFramework curator, String dir) {
		CompletableFuture<CuratorEvent> future = new CompletableFuture<>();
		try {
			curator.create()
				.creatingParentContainersIfNeeded()
				.withMode(CreateMode.CONTAINER)
				.inBackground(callback(future))
				.forPath(dir);
		}
		catch (Exception ex) {
			future.completeExceptionally(ex);
		}
		return future;
	}

	static CompletableFuture<CuratorEvent> children(CuratorFramework curator, String dir) {
		CompletableFuture<CuratorEvent> future = new CompletableFuture<>();
		try {
			curator.getChildren().inBackground(callback(future)).forPath(dir);
		}
		catch (Exception ex) {
			future.completeExceptionally(ex);
		}
		return future;
	}

	static CompletableFuture<CuratorEvent> data(CuratorFramework curator, String path, Watcher watcher) {
		CompletableFuture<CuratorEvent> future = new CompletableFuture<>();
		try {
			curator.getData().usingWatcher(watcher).inBackground(callback(future)).forPath(path);
		}
		catch (Exception ex) {
			future.completeExceptionally(ex);
		}
		return future;
	}

	static CompletableFuture<CuratorEvent> data(CuratorFramework curator, String path) {
		CompletableFuture<CuratorEvent> future = new CompletableFuture<>();
		try {
			curator.getData().inBackground(callback(future)).forPath(path);
		}
		catch (Exception ex) {
			future.completeExceptionally(ex);
		}
		return future;
	}

	/**
	 * Delete a node we own, retried by Curator until it succeeds or our session ends.
	 */
	static void deleteGuaranteed(CuratorFramework curator, String path) {
		try {
			curator.delete().guaranteed().inBackground().forPath(path);
		}
		catch (Exception ex) {
			// client closed: the session's end removes our ephemeral node
		}
	}

	/**
	 * Wait for a call's answer.
	 * @return the event, whatever its result code
	 * @throws TimeoutException when no answer came in time
	 */
	static CuratorEvent await(CompletableFuture<CuratorEvent> future, long timeoutNanos)
			throws TimeoutException, InterruptedException, KeeperException {
		try {
			return future.get(Math.max(timeoutNanos, 0), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			throw (cause instanceof KeeperException keeper) ? keeper
					: new KeeperException.SystemErrorException();
		}
	}

	static KeeperException.Code code(CuratorEvent event) {
		return KeeperException.Code.get(event.getResultCode());
	}

	private static BackgroundCallback callback(CompletableFuture<CuratorEvent> future) {
		return (client, event) -> future.complete(event);
	}

}
