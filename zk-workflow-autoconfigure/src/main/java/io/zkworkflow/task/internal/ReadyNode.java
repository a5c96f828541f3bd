package io.zkworkflow.task.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;

/**
 * A ready node handed to a claiming thread, possibly with its data already on the way: when
 * a claiming thread is idle, the watcher asks for a new node's data as soon as it learns of
 * the node ({@link #prefetch}), so the read overlaps with waking the thread instead of
 * following it. A ready node never changes after it is created, so an early read is as good
 * as a late one; one deleted meanwhile is simply not claimed.
 *
 * @param path the ready node's path
 * @param prefetched its data and stat being read, or {@code null} to read it on {@link #read}
 */
record ReadyNode(String path, @Nullable CompletableFuture<@Nullable Content> prefetched) {

	private static final long PREFETCH_WAIT_SECONDS = 10;

	/**
	 * Read a node's data in the background.
	 * @param curator the client
	 * @param path the ready node's path
	 * @param content completed with the content, {@code null} when the node is gone, or
	 * failed on any other error
	 */
	static void prefetch(CuratorFramework curator, String path, CompletableFuture<@Nullable Content> content) {
		try {
			curator.getData().inBackground((client, event) -> {
				KeeperException.Code code = KeeperException.Code.get(event.getResultCode());
				if (code == KeeperException.Code.OK) {
					content.complete(new Content(event.getData(), event.getStat()));
				}
				else if (code == KeeperException.Code.NONODE) {
					content.complete(null);
				}
				else {
					content.completeExceptionally(KeeperException.create(code, path));
				}
			}).forPath(path);
		}
		catch (Exception ex) {
			content.completeExceptionally(ex);
		}
	}

	/**
	 * Return the node's data and stat, {@code null} when it is gone: the prefetched ones, or
	 * read now when there are none (or prefetching failed).
	 * @param curator the client
	 * @return the content, {@code null} if the node no longer exists
	 */
	@Nullable Content read(CuratorFramework curator) throws Exception {
		CompletableFuture<@Nullable Content> early = this.prefetched;
		if (early != null) {
			try {
				return early.get(PREFETCH_WAIT_SECONDS, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				// read it again below
			}
		}
		Stat stat = new Stat();
		try {
			return new Content(curator.getData().storingStatIn(stat).forPath(this.path), stat);
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	/**
	 * What a ready node holds.
	 *
	 * @param data the task record as JSON
	 * @param stat its stat (version, creation time)
	 */
	record Content(byte[] data, Stat stat) {
	}

}
