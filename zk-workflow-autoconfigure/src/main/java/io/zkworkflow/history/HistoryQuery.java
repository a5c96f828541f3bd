package io.zkworkflow.history;

import java.time.Instant;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ZnodeNames;
import io.zkworkflow.task.TaskState;
import io.zkworkflow.workflow.WorkflowState;
import org.jspecify.annotations.Nullable;

/**
 * What to search the history for: every criterion is optional, results come newest first, one
 * page at a time. Start from {@link #all()} and narrow it:
 * {@code HistoryQuery.all().named("send-email").inState(TaskState.DEAD).page(0, 20)}.
 *
 * @param name the task name or workflow definition name, or {@code null} for all
 * @param state the state name, or {@code null} for all
 * @param from the earliest end included, or {@code null}
 * @param to the end excluded, or {@code null}
 * @param offset rows skipped, for paging
 * @param limit most rows returned, 1 to {@value #MAX_LIMIT}
 */
public record HistoryQuery(@Nullable String name, @Nullable String state, @Nullable Instant from,
		@Nullable Instant to, int offset, int limit) {

	/** Most rows one page returns. */
	public static final int MAX_LIMIT = 1000;

	/** Rows a page returns unless {@link #page} says otherwise. */
	public static final int DEFAULT_LIMIT = 50;

	public HistoryQuery {
		if (name != null && name.length() > ZnodeNames.MAX_LENGTH) {
			throw new IllegalArgumentException("History query name " + InputText.quote(name) + " is longer than "
					+ ZnodeNames.MAX_LENGTH + " characters, so no task or workflow has it");
		}
		if (state != null && state.length() > 32) {
			throw new IllegalArgumentException("History query state " + InputText.quote(state)
					+ " is not a state; use a TaskState or WorkflowState name");
		}
		if (offset < 0) {
			throw new IllegalArgumentException("History query offset must not be negative (it is " + offset + ")");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException(
					"History query limit must be between 1 and " + MAX_LIMIT + " (it is " + limit + "); page through more");
		}
		if (from != null && to != null && from.isAfter(to)) {
			throw new IllegalArgumentException(
					"History query range starts at " + from + ", after its end " + to + "; swap them");
		}
	}

	/**
	 * Return a query for everything, first page of {@value #DEFAULT_LIMIT}.
	 * @return the query
	 */
	public static HistoryQuery all() {
		return new HistoryQuery(null, null, null, null, 0, DEFAULT_LIMIT);
	}

	/**
	 * Return this query narrowed to one task name or workflow definition.
	 * @param name the name
	 * @return the narrowed query
	 */
	public HistoryQuery named(String name) {
		return new HistoryQuery(name, this.state, this.from, this.to, this.offset, this.limit);
	}

	/**
	 * Return this query narrowed to tasks that ended in {@code state}.
	 * @param state {@link TaskState#SUCCEEDED} or {@link TaskState#DEAD}
	 * @return the narrowed query
	 */
	public HistoryQuery inState(TaskState state) {
		return new HistoryQuery(this.name, state.name(), this.from, this.to, this.offset, this.limit);
	}

	/**
	 * Return this query narrowed to workflows that ended in {@code state}.
	 * @param state {@link WorkflowState#COMPLETED}, {@link WorkflowState#FAILED} or
	 * {@link WorkflowState#CANCELLED}
	 * @return the narrowed query
	 */
	public HistoryQuery inState(WorkflowState state) {
		return new HistoryQuery(this.name, state.name(), this.from, this.to, this.offset, this.limit);
	}

	/**
	 * Return this query narrowed to endings in {@code [from, to)}.
	 * @param from the earliest end included, or {@code null}
	 * @param to the end excluded, or {@code null}
	 * @return the narrowed query
	 */
	public HistoryQuery between(@Nullable Instant from, @Nullable Instant to) {
		return new HistoryQuery(this.name, this.state, from, to, this.offset, this.limit);
	}

	/**
	 * Return this query for another page.
	 * @param offset rows skipped
	 * @param limit most rows returned
	 * @return the query for that page
	 */
	public HistoryQuery page(int offset, int limit) {
		return new HistoryQuery(this.name, this.state, this.from, this.to, offset, limit);
	}

}
