package io.zkworkflow.task;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of {@link TaskClient#list(TaskQuery)}. A page may hold fewer tasks than the page
 * size (even none) while more follow: each call reads a bounded part of the index, and with a
 * state filter the tasks read may not match. Only a {@code null} {@link #nextCursor()} means
 * the end.
 *
 * @param items the tasks, oldest submit first
 * @param nextCursor where to continue ({@link TaskQuery#after(String)}), or {@code null} when
 * the listing is complete
 */
public record TaskPage(List<TaskSummary> items, @Nullable String nextCursor) {

	public TaskPage {
		items = List.copyOf(items);
	}

}
