package io.zkworkflow.workflow.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.zkworkflow.internal.BackgroundReads;
import io.zkworkflow.internal.ListCursor;
import io.zkworkflow.internal.TimeIndex;
import io.zkworkflow.workflow.WorkflowId;
import io.zkworkflow.workflow.WorkflowPage;
import io.zkworkflow.workflow.WorkflowQuery;
import io.zkworkflow.workflow.WorkflowSummary;
import org.jspecify.annotations.Nullable;

/**
 * Answers {@link io.zkworkflow.workflow.WorkflowClient#list}: reads a bounded run of the
 * definition's search index after the cursor ({@link TimeIndex}), then those workflows' records
 * in one burst, taking the state from the record. Without a state filter a call reads as many
 * entries as the page holds; with one, up to {@value #FILTERED_SCAN_FACTOR} times that (at most
 * {@value #MAX_SCAN}).
 */
final class WorkflowSearch {

	static final int FILTERED_SCAN_FACTOR = 10;

	static final int MAX_SCAN = 5000;

	private final WorkflowStore store;

	private final TimeIndex index;

	WorkflowSearch(WorkflowStore store) {
		this.store = store;
		this.index = new TimeIndex(store.curator());
	}

	WorkflowPage list(WorkflowQuery query) throws Exception {
		String filters = filters(query);
		String after = (query.cursor() != null) ? decode(filters, query.cursor()) : null;
		int budget = query.states().isEmpty() ? query.pageSize()
				: Math.min(MAX_SCAN, Math.max(query.pageSize(), query.pageSize() * FILTERED_SCAN_FACTOR));
		long from = (query.startedAfter() != null) ? query.startedAfter().toEpochMilli() : 0;
		long to = (query.startedBefore() != null) ? query.startedBefore().toEpochMilli() : Long.MAX_VALUE;
		TimeIndex.Scan scan = this.index.scan(this.store.paths().indexRoot(query.definition()), after, from, to,
				budget, WorkflowPaths::startOfEntry);
		List<String> entries = scan.entries();
		BackgroundReads reads = new BackgroundReads(this.store.curator());
		for (String entry : entries) {
			reads.read(this.store.paths().workflow(WorkflowPaths.idOfEntry(entry)));
		}
		List<WorkflowSummary> items = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			byte[] data = reads.result(i);
			if (data == null) {
				continue; // removed after the retention, its entry not yet
			}
			WorkflowRecord record = this.store.codec().read(data, WorkflowRecord.class);
			if (!record.definition.equals(query.definition())
					|| (!query.states().isEmpty() && !query.states().contains(record.state))) {
				continue;
			}
			items.add(summary(record));
			if (items.size() == query.pageSize()) {
				boolean more = i < entries.size() - 1 || !scan.complete();
				return new WorkflowPage(items, more ? ListCursor.encode(filters, entries.get(i)) : null);
			}
		}
		boolean more = !scan.complete() && !entries.isEmpty();
		return new WorkflowPage(items, more ? ListCursor.encode(filters, entries.get(entries.size() - 1)) : null);
	}

	private static WorkflowSummary summary(WorkflowRecord record) {
		return new WorkflowSummary(new WorkflowId(record.id), record.definition, record.state,
				Instant.ofEpochMilli(record.startedAt),
				(record.finishedAt > 0) ? Instant.ofEpochMilli(record.finishedAt) : null, record.error, record.version);
	}

	private static String decode(String filters, String cursor) {
		String entry = ListCursor.decode("workflow", filters, cursor);
		if (WorkflowPaths.startOfEntry(entry) < 0) {
			throw ListCursor.malformed("workflow", cursor);
		}
		return entry;
	}

	/** The filters a cursor is bound to. */
	private static String filters(WorkflowQuery query) {
		return "workflow|" + query.definition() + "|" + new TreeSet<>(query.states()) + "|"
				+ millis(query.startedAfter()) + "|" + millis(query.startedBefore());
	}

	private static String millis(@Nullable Instant instant) {
		return (instant != null) ? Long.toString(instant.toEpochMilli()) : "";
	}

}
