package io.zkworkflow.workflow;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@link WorkflowClient#list(WorkflowQuery)}. A page may hold fewer workflows than
 * the page size (even none) while more follow: each call reads a bounded part of the index,
 * and with a state filter the workflows read may not match. Only a {@code null}
 * {@link #nextCursor()} means the end.
 *
 * @param items the workflows, oldest start first
 * @param nextCursor where to continue ({@link WorkflowQuery#after(String)}), or {@code null}
 * when the listing is complete
 */
public record WorkflowPage(List<WorkflowSummary> items, @Nullable String nextCursor) {

	public WorkflowPage {
		items = List.copyOf(items);
	}

}
