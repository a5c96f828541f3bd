package io.zkworkflow.task.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.zkworkflow.internal.ListCursor;
import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.task.TaskPage;
import io.zkworkflow.task.TaskQuery;
import io.zkworkflow.task.TaskSummary;
import org.apache.curator.framework.CuratorFramework;
import org.jspecify.annotations.Nullable;

/**
 * Answers {@link io.zkworkflow.task.TaskClient#list}: reads a bounded run of the name's search
 * index after the cursor ({@link TimeIndex}), then the states of those tasks
 * ({@link TaskStateReader}). Without a state filter a call reads as many entries as the page
 * holds; with one, up to {@value #FILTERED_SCAN_FACTOR} times that (at most
 * {@value #MAX_SCAN}), so a rare state costs several short calls instead of one unbounded one.
 */
final class TaskSearch {

	static final int FILTERED_SCAN_FACTOR = 10;

	static final int MAX_SCAN = 5000;

	private final TaskPaths paths;

	private final TimeIndex index;

	private final TaskStateReader states;

	TaskSearch(CuratorFramework curator, TaskPaths paths, TaskCodec codec) {
		this.paths = paths;
		this.index = new TimeIndex(curator);
		this.states = new TaskStateReader(curator, paths, codec);
	}

	TaskPage list(TaskQuery query) throws Exception {
		String filters = filters(query);
		String after = (query.cursor() != null) ? decode(filters, query.cursor()) : null;
		int budget = query.states().isEmpty() ? query.pageSize()
				: Math.min(MAX_SCAN, Math.max(query.pageSize(), query.pageSize() * FILTERED_SCAN_FACTOR));
		long from = (query.submittedAfter() != null) ? query.submittedAfter().toEpochMilli() : 0;
		long to = (query.submittedBefore() != null) ? query.submittedBefore().toEpochMilli() : Long.MAX_VALUE;
		TimeIndex.Scan scan = this.index.scan(this.paths.indexRoot(query.name()), after, from, to, budget,
				TaskSearch::timeOf);
		List<String> entries = scan.entries();
		Map<String, TaskSummary> found = this.states.read(query.name(), entries);
		List<TaskSummary> items = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			TaskSummary summary = found.get(entries.get(i));
			if (summary != null && (query.states().isEmpty() || query.states().contains(summary.state()))) {
				items.add(summary);
				if (items.size() == query.pageSize()) {
					boolean more = i < entries.size() - 1 || !scan.complete();
					return new TaskPage(items, more ? ListCursor.encode(filters, entries.get(i)) : null);
				}
			}
		}
		boolean more = !scan.complete() && !entries.isEmpty();
		return new TaskPage(items, more ? ListCursor.encode(filters, entries.get(entries.size() - 1)) : null);
	}

	private static String decode(String filters, String cursor) {
		String uid = ListCursor.decode("task", filters, cursor);
		if (timeOf(uid) < 0) {
			throw ListCursor.malformed("task", cursor);
		}
		return uid;
	}

	/** The submit time of an index entry, -1 for a name that is not a task uid. */
	static long timeOf(String entry) {
		if (!TaskUids.isUid(entry)) {
			return -1;
		}
		try {
			TaskUids.shard(entry);
			return TaskUids.submittedAt(entry);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** The filters a cursor is bound to. */
	private static String filters(TaskQuery query) {
		return "task|" + query.name() + "|" + new TreeSet<>(query.states()) + "|" + millis(query.submittedAfter())
				+ "|" + millis(query.submittedBefore());
	}

	private static String millis(@Nullable Instant instant) {
		return (instant != null) ? Long.toString(instant.toEpochMilli()) : "";
	}

}
