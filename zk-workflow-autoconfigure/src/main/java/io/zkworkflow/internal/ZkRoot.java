package io.zkworkflow.internal;

import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.common.PathUtils;
import org.jspecify.annotations.Nullable;

/**
 * The znode under which zk-workflow keeps everything it writes ({@code zk-workflow.root-path}).
 * Capability path classes ({@code LockPaths}, {@code TaskPaths}, ...) build on {@link #resolve}.
 */
public final class ZkRoot {

	/** Default root path. */
	public static final String DEFAULT_PATH = "/zk-workflow";

	private final String path;

	public ZkRoot(String path) {
		String problem = problemWith(path);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid zk-workflow root path '" + path + "': " + problem);
		}
		this.path = path;
	}

	/**
	 * Return why {@code path} cannot be a root path, or {@code null} when it can.
	 * @param path the candidate path
	 * @return a description of the problem and how to fix it, or {@code null}
	 */
	public static @Nullable String problemWith(@Nullable String path) {
		if (path == null || path.isEmpty()) {
			return "Must not be empty; use an absolute path such as '" + DEFAULT_PATH + "'.";
		}
		if (!path.startsWith("/")) {
			return "Must be absolute (start with '/'), for example '/" + path + "'.";
		}
		if (path.equals("/")) {
			return "Must not be the ZooKeeper root '/'; use a dedicated znode such as '" + DEFAULT_PATH + "'.";
		}
		if (path.endsWith("/")) {
			return "Must not end with '/'; use '" + path.replaceAll("/+$", "") + "'.";
		}
		try {
			PathUtils.validatePath(path);
		}
		catch (IllegalArgumentException ex) {
			return "Not a valid znode path (" + ex.getMessage() + ").";
		}
		return null;
	}

	/**
	 * Return the root path itself.
	 * @return the absolute root path
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Return the path of a znode below the root. Every segment must already be a single safe
	 * znode name (see {@link ZnodeNames}).
	 * @param segments the path segments below the root
	 * @return the absolute path
	 */
	public String resolve(String... segments) {
		String result = this.path;
		for (String segment : segments) {
			ZnodeNames.requireSegment(segment);
			result = ZKPaths.makePath(result, segment);
		}
		return result;
	}

	/**
	 * Whether {@code path} is the root or a znode below it.
	 * @param candidate an absolute znode path
	 * @return {@code true} when the path lies under the root
	 */
	public boolean contains(String candidate) {
		return candidate.equals(this.path) || candidate.startsWith(this.path + "/");
	}

	@Override
	public String toString() {
		return this.path;
	}

}
