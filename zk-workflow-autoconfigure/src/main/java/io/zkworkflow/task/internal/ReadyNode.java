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
 * A ready marker handed to a claiming thread, possibly with its task's data node already being
 * read: when a claiming thread is idle, the watcher asks for the data as soon as it learns of
 * the marker ({@link #read}), so the read overlaps with waking the thread. The claim itself
 * needs nothing read, and the data node does not change while its marker exists, so the
 * claiming thread sends the claim at once and uses the data when both have answered.
 *
 * @param path the ready marker's path
 * @param prefetched its task's data being read, or {@code null} to read it on {@link #data}
 */
record ReadyNode(String path, @Nullable CompletableFuture<@Nullable Content> prefetched) {

	private static final long READ_WAIT_SECONDS = 10;

	/**
	 * Read a data node in the background.
	 * @param curator the client
	 * @param dataPath the data node's path
	 * @return completed with the content, {@code null} when the node is gone, or failed on any
	 * other error
	 */
	static CompletableFuture<@Nullable Content> read(CuratorFramework curator, String dataPath) {
		CompletableFuture<@Nullable Content> content = new CompletableFuture<>();
		readInto(curator, dataPath, content);
		return content;
	}

	/**
	 * Read a data node in the background into {@code content}.
	 * @param curator the client
	 * @param dataPath the data node's path
	 * @param content completed as {@link #read} describes
	 */
	static void readInto(CuratorFramework curator, String dataPath, CompletableFuture<@Nullable Content> content) {
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
					content.completeExceptionally(KeeperException.create(code, dataPath));
				}
			}).forPath(dataPath);
		}
		catch (Exception ex) {
			content.completeExceptionally(ex);
		}
	}

	/**
	 * The data being read: the prefetched read, or one sent now.
	 * @param curator the client
	 * @param dataPath the path of the marker's data node
	 * @return the read in flight
	 */
	CompletableFuture<@Nullable Content> data(CuratorFramework curator, String dataPath) {
		CompletableFuture<@Nullable Content> early = this.prefetched;
		return (early != null) ? early : read(curator, dataPath);
	}

	/**
	 * Wait for a read, reading again synchronously if it failed.
	 * @param read the read in flight
	 * @param curator the client
	 * @param dataPath the data node's path
	 * @return the content, {@code null} if the node does not exist
	 */
	static @Nullable Content await(CompletableFuture<@Nullable Content> read, CuratorFramework curator,
			String dataPath) throws Exception {
		try {
			return read.get(READ_WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			// read it again below
		}
		Stat stat = new Stat();
		try {
			return new Content(curator.getData().storingStatIn(stat).forPath(dataPath), stat);
		}
		catch (KeeperException.NoNodeException ex) {
			return null;
		}
	}

	/**
	 * What a data node holds.
	 *
	 * @param data the task record as JSON
	 * @param stat its stat (last change: the time the task became ready)
	 */
	record Content(byte[] data, Stat stat) {
	}

}
