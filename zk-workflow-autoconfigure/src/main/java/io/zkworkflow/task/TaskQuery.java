package io.zkworkflow.task;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ListCursor;
import io.zkworkflow.internal.ZnodeNames;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TaskClient#list(TaskQuery)} looks for: the tasks of one name, optionally in some
 * states and submitted within a time range, oldest submit first, one page at a time. Start
 * from {@link #named(String)} and narrow it:
 * {@code TaskQuery.named("send-invoice").inState(TaskState.DEAD).pageSize(50)}; continue with
 * {@code query.after(page.nextCursor())}.
 *
 * @param name the task name
 * @param states the states to return, empty for every state
 * @param submittedAfter the earliest submit time included, or {@code null}
 * @param submittedBefore the submit time excluded, or {@code null}
 * @param pageSize the most tasks one page returns, 1 to {@value #MAX_PAGE_SIZE}
 * @param cursor where the previous page stopped ({@link TaskPage#nextCursor()}), or {@code null}
 * for the first page
 */
public record TaskQuery(String name, Set<TaskState> states, @Nullable Instant submittedAfter,
		@Nullable Instant submittedBefore, int pageSize, @Nullable String cursor) {

	/** Most tasks one page returns. */
	public static final int MAX_PAGE_SIZE = 1000;

	/** Tasks a page returns unless {@link #pageSize(int)} says otherwise. */
	public static final int DEFAULT_PAGE_SIZE = 100;

	public TaskQuery {
		String problem = ZnodeNames.checkName(name);
		if (problem != null) {
			throw new IllegalArgumentException("Task query name " + InputText.quote(String.valueOf(name)) + " "
					+ problem + "; use the name of a @WorkflowTask, for example 'send-invoice'");
		}
		states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
		if (states.contains(TaskState.UNKNOWN)) {
			throw new IllegalArgumentException("Task query state UNKNOWN matches no listed task (it means 'not found'); "
					+ "use " + EnumSet.complementOf(EnumSet.of(TaskState.UNKNOWN)));
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("Task query page size must be between 1 and " + MAX_PAGE_SIZE
					+ " (it is " + pageSize + "); page through more with the cursor");
		}
		if (submittedAfter != null && submittedBefore != null && !submittedAfter.isBefore(submittedBefore)) {
			throw new IllegalArgumentException("Task query range starts at " + submittedAfter
					+ ", not before its end " + submittedBefore + "; swap them");
		}
		if (cursor != null && cursor.length() > ListCursor.MAX_LENGTH) {
			throw new IllegalArgumentException("Task query cursor " + InputText.quote(cursor) + " is longer than "
					+ ListCursor.MAX_LENGTH + " characters, so list never returned it; pass nextCursor of the "
					+ "previous page unchanged");
		}
	}

	/**
	 * Return a query for every task of a name, first page of {@value #DEFAULT_PAGE_SIZE}.
	 * @param name the task name
	 * @return the query
	 */
	public static TaskQuery named(String name) {
		return new TaskQuery(name, Set.of(), null, null, DEFAULT_PAGE_SIZE, null);
	}

	/**
	 * Return this query narrowed to tasks in one of {@code states}.
	 * @param states the states, none for every state
	 * @return the narrowed query
	 */
	public TaskQuery inState(TaskState... states) {
		return new TaskQuery(this.name, Set.of(states), this.submittedAfter, this.submittedBefore, this.pageSize,
				this.cursor);
	}

	/**
	 * Return this query narrowed to tasks submitted in {@code [after, before)}.
	 * @param after the earliest submit time included, or {@code null}
	 * @param before the submit time excluded, or {@code null}
	 * @return the narrowed query
	 */
	public TaskQuery submittedBetween(@Nullable Instant after, @Nullable Instant before) {
		return new TaskQuery(this.name, this.states, after, before, this.pageSize, this.cursor);
	}

	/**
	 * Return this query with another page size.
	 * @param pageSize the most tasks a page returns
	 * @return the query
	 */
	public TaskQuery pageSize(int pageSize) {
		return new TaskQuery(this.name, this.states, this.submittedAfter, this.submittedBefore, pageSize,
				this.cursor);
	}

	/**
	 * Return this query continuing where a page stopped.
	 * @param cursor the page's {@link TaskPage#nextCursor()}, {@code null} for the first page
	 * @return the query for the next page
	 */
	public TaskQuery after(@Nullable String cursor) {
		return new TaskQuery(this.name, this.states, this.submittedAfter, this.submittedBefore, this.pageSize,
				cursor);
	}

}
