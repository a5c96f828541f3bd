package io.zkworkflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * Reads or lists many znodes in one burst: every read is sent at once in the background and the
 * answers collected, so a page of reads costs about one round trip instead of one each.
 * ZooKeeper answers a session's requests in the order they were sent.
 */
public final class BackgroundReads {

	private final CuratorFramework curator;

	private final List<CompletableFuture<@Nullable Object>> pending = new ArrayList<>();

	public BackgroundReads(CuratorFramework curator) {
		this.curator = curator;
	}

	/**
	 * Send a read of {@code path}.
	 * @param path the znode
	 * @return its position, for {@link #result(int)}
	 */
	public int read(String path) throws Exception {
		CompletableFuture<@Nullable Object> future = new CompletableFuture<>();
		this.curator.getData().inBackground((client, event) -> {
			if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
				future.complete(event.getData());
			}
			else if (event.getResultCode() == KeeperException.Code.NONODE.intValue()) {
				future.complete(null);
			}
			else {
				future.completeExceptionally(
						KeeperException.create(KeeperException.Code.get(event.getResultCode()), event.getPath()));
			}
		}).forPath(path);
		this.pending.add(future);
		return this.pending.size() - 1;
	}

	/**
	 * Send a listing of the children of {@code path}.
	 * @param path the znode
	 * @return its position, for {@link #children(int)}
	 */
	public int list(String path) throws Exception {
		CompletableFuture<@Nullable Object> future = new CompletableFuture<>();
		this.curator.getChildren().inBackground((client, event) -> {
			if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
				future.complete(event.getChildren());
			}
			else if (event.getResultCode() == KeeperException.Code.NONODE.intValue()) {
				future.complete(List.of());
			}
			else {
				future.completeExceptionally(
						KeeperException.create(KeeperException.Code.get(event.getResultCode()), event.getPath()));
			}
		}).forPath(path);
		this.pending.add(future);
		return this.pending.size() - 1;
	}

	/**
	 * Wait for the answer of a listing.
	 * @param index the listing's position
	 * @return the children's names, empty when the znode does not exist
	 */
	@SuppressWarnings("unchecked")
	public List<String> children(int index) throws Exception {
		Object children = answer(index);
		return (children != null) ? (List<String>) children : List.of();
	}

	/**
	 * Wait for the answer of a read.
	 * @param index the read's position
	 * @return the data, {@code null} when the znode does not exist
	 */
	public byte @Nullable [] result(int index) throws Exception {
		return (byte[]) answer(index);
	}

	private @Nullable Object answer(int index) throws Exception {
		try {
			return this.pending.get(index).get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

}
