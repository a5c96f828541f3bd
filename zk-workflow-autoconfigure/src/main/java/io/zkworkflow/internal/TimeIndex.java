package io.zkworkflow.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.jspecify.annotations.Nullable;

/**
 * A search index of znodes bucketed by time, {@code {indexRoot}/{hour}/{second}/{entry}}, whose
 * entry names sort in time order. No parent has more children than the hours kept, the seconds
 * of an hour or the entries written in one second, so a scan lists only the buckets it reads
 * and never a parent of every entry. Second buckets are containers (the server removes them
 * once empty); index roots are named {@value #INDEX}.
 */
public final class TimeIndex {

	/** Last segment of every index root. */
	public static final String INDEX = "index";

	private static final long HOUR_MILLIS = 3_600_000;

	private static final long SECOND_MILLIS = 1_000;

	private final CuratorFramework curator;

	public TimeIndex(CuratorFramework curator) {
		this.curator = curator;
	}

	/**
	 * Return the path of an entry.
	 * @param indexRoot the index root
	 * @param millis the entry's time
	 * @param entry the entry's name
	 * @return its path
	 */
	public static String entryPath(String indexRoot, long millis, String entry) {
		return ZKPaths.makePath(indexRoot, Long.toString(millis / HOUR_MILLIS), Long.toString(millis / SECOND_MILLIS),
				entry);
	}

	/**
	 * Return how a missing parent of an index entry is created: second buckets as containers.
	 * @param path the parent's path
	 * @return the mode, or {@code null} when the path is not a second bucket of an index
	 */
	public static @Nullable CreateMode bucketMode(String path) {
		String hour = ZKPaths.getPathAndNode(path).getPath();
		String root = ZKPaths.getPathAndNode(hour).getPath();
		return INDEX.equals(ZKPaths.getNodeFromPath(root)) ? CreateMode.CONTAINER : null;
	}

	/**
	 * Return whether an hour bucket ended before {@code cutoff}.
	 * @param hour the hour bucket's name
	 * @param cutoff epoch millis
	 * @return whether every entry of the bucket is older than the cutoff
	 */
	public static boolean hourBefore(String hour, long cutoff) {
		Long value = number(hour);
		return value != null && (value + 1) * HOUR_MILLIS <= cutoff;
	}

	/**
	 * Read entries after {@code after} in time order, within {@code [from, to)}, until
	 * {@code budget} entries are read.
	 * @param indexRoot the index root
	 * @param after the last entry read before (exclusive), or {@code null} to read from the start
	 * @param from the earliest time included, epoch millis
	 * @param to the time excluded, epoch millis
	 * @param budget the most entries to read
	 * @param timeOf the time of an entry, from its name
	 * @return the entries read, and whether the index has no more entries in range
	 */
	public Scan scan(String indexRoot, @Nullable String after, long from, long to, int budget,
			ToLongFunction<String> timeOf) throws Exception {
		long start = (after != null) ? Math.max(from, timeOf.applyAsLong(after)) : from;
		List<String> entries = new ArrayList<>();
		for (long hour : buckets(indexRoot, start / HOUR_MILLIS, (to - 1) / HOUR_MILLIS)) {
			String hourPath = ZKPaths.makePath(indexRoot, Long.toString(hour));
			for (long second : buckets(hourPath, start / SECOND_MILLIS, (to - 1) / SECOND_MILLIS)) {
				String secondPath = ZKPaths.makePath(hourPath, Long.toString(second));
				for (String entry : sorted(secondPath)) {
					long time = timeOf.applyAsLong(entry);
					if (time < from || time >= to || (after != null && entry.compareTo(after) <= 0)) {
						continue;
					}
					entries.add(entry);
					if (entries.size() >= budget) {
						return new Scan(entries, false);
					}
				}
			}
		}
		return new Scan(entries, true);
	}

	/** The numeric bucket names under {@code path} within {@code [first, last]}, ascending. */
	private List<Long> buckets(String path, long first, long last) throws Exception {
		List<Long> result = new ArrayList<>();
		for (String child : children(path)) {
			Long value = number(child);
			if (value != null && value >= first && value <= last) {
				result.add(value);
			}
		}
		result.sort(null);
		return result;
	}

	private List<String> sorted(String path) throws Exception {
		List<String> children = new ArrayList<>(children(path));
		children.sort(null);
		return children;
	}

	/**
	 * Return the children of a node, empty when it does not exist.
	 * @param path the node
	 * @return its children's names
	 */
	public List<String> children(String path) throws Exception {
		try {
			return this.curator.getChildren().forPath(path);
		}
		catch (KeeperException.NoNodeException ex) {
			return List.of();
		}
	}

	private static @Nullable Long number(String name) {
		try {
			return Long.parseLong(name);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Entries read by a scan.
	 *
	 * @param entries the entries, in time order
	 * @param complete whether the scan reached the end of the range
	 */
	public record Scan(List<String> entries, boolean complete) {
	}

}
