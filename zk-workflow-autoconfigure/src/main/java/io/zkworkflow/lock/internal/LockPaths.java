package io.zkworkflow.lock.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.zkworkflow.internal.ZkRoot;
import io.zkworkflow.internal.ZnodeNames;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * Every lock znode path. Layout:
 *
 * <pre>
 * {root}/locks                                   CONTAINER
 * {root}/locks/{name}                            CONTAINER
 * {root}/locks/{name}/{encodedKey}               CONTAINER (one per key; '~' for a lock without key)
 * {root}/locks/{name}/{encodedKey}/w-{attempt}-{seq}   EPHEMERAL_SEQUENTIAL exclusive/write request
 * {root}/locks/{name}/{encodedKey}/r-{attempt}-{seq}   EPHEMERAL_SEQUENTIAL read request
 * {root}/locks/{name}/{encodedKey}/leases, /locks      Curator semaphore (SEMAPHORE mode)
 * </pre>
 *
 * The server removes empty containers, so locking many distinct keys leaves nothing behind.
 */
public final class LockPaths {

	/** Key segment of a lock without a key; {@link ZnodeNames#encodeKey} never yields it. */
	public static final String NO_KEY = "~";

	private static final int SEQUENCE_LENGTH = 10;

	/** {@code _c_} + a 36-character UUID + {@code -lease-} + 10 digits is 56; rounded up. */
	private static final int SEMAPHORE_NODE_NAME_LENGTH = 64;

	private static final Comparator<String> BY_SEQUENCE = Comparator.comparing(LockPaths::sequenceOf);

	private final ZkRoot root;

	public LockPaths(ZkRoot root) {
		this.root = root;
	}

	/**
	 * Return the parent of every lock.
	 * @return {@code {root}/locks}
	 */
	public String locksRoot() {
		return this.root.resolve("locks");
	}

	/**
	 * Return the directory of one lock.
	 * @param name a checked lock name
	 * @param key any non-empty key, or {@code null}
	 * @return {@code {root}/locks/{name}/{encodedKey}}
	 */
	public String lockDir(String name, @Nullable String key) {
		return this.root.resolve("locks", name, (key != null) ? ZnodeNames.encodeKey(key) : NO_KEY);
	}

	/**
	 * Return the path prefix of a request node (ZooKeeper appends the sequence).
	 * @param dir the lock directory
	 * @param shared whether this is a read request
	 * @param attempt the attempt id, letters and digits
	 * @return the prefix
	 */
	static String requestPrefix(String dir, boolean shared, String attempt) {
		return ZKPaths.makePath(dir, (shared ? "r-" : "w-") + attempt + "-");
	}

	/**
	 * Return the path a request with this prefix gets on the server: the client's namespace,
	 * the prefix and the sequence ZooKeeper appends.
	 * @param curator the client
	 * @param prefix the request prefix
	 * @return the full path, for the ephemeral budget
	 */
	static String requestPath(CuratorFramework curator, String prefix) {
		return ZKPaths.fixForNamespace(curator.getNamespace(), prefix) + "0".repeat(SEQUENCE_LENGTH);
	}

	/**
	 * Return a path at least as long as any node Curator's semaphore creates under
	 * {@code dir}: its lease ({@code leases/_c_{uuid}-lease-{seq}}) or the node of its inner
	 * mutex ({@code locks/_c_{uuid}-lock-{seq}}), both ephemeral.
	 * @param curator the client
	 * @param dir the lock directory
	 * @return a path of the longest such length, for the ephemeral budget
	 */
	static String semaphoreNodePath(CuratorFramework curator, String dir) {
		return ZKPaths.fixForNamespace(curator.getNamespace(), dir) + "/leases/" + "x".repeat(SEMAPHORE_NODE_NAME_LENGTH);
	}

	/**
	 * Return the request nodes among {@code children}, oldest first.
	 * @param children child names of a lock directory
	 * @return the request node names in sequence order
	 */
	static List<String> requestsInOrder(List<String> children) {
		List<String> requests = new ArrayList<>(children.size());
		for (String child : children) {
			if (isRequest(child)) {
				requests.add(child);
			}
		}
		requests.sort(BY_SEQUENCE);
		return requests;
	}

	static boolean isRequest(String child) {
		int length = child.length();
		return length > SEQUENCE_LENGTH + 3 && (child.charAt(0) == 'w' || child.charAt(0) == 'r')
				&& child.charAt(1) == '-' && child.charAt(length - SEQUENCE_LENGTH - 1) == '-';
	}

	static boolean isShared(String child) {
		return child.charAt(0) == 'r';
	}

	static String attemptOf(String child) {
		return child.substring(2, child.length() - SEQUENCE_LENGTH - 1);
	}

	static String sequenceOf(String child) {
		return child.substring(child.length() - SEQUENCE_LENGTH);
	}

}
