package io.zkworkflow.workflow;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import io.zkworkflow.internal.InputText;
import io.zkworkflow.internal.ListCursor;
import io.zkworkflow.internal.ZnodeNames;
import org.jspecify.annotations.Nullable;

/**
 * What {@link WorkflowClient#list(WorkflowQuery)} looks for: the workflows of one definition,
 * optionally in some states and started within a time range, oldest start first, one page at
 * a time. Start from {@link #of(String)} and narrow it:
 * {@code WorkflowQuery.of("order").inState(WorkflowState.FAILED).pageSize(50)}; continue with
 * {@code query.after(page.nextCursor())}.
 *
 * @param definition the definition name
 * @param states the states to return, empty for every state
 * @param startedAfter the earliest start included, or {@code null}
 * @param startedBefore the start excluded, or {@code null}
 * @param pageSize the most workflows one page returns, 1 to {@value #MAX_PAGE_SIZE}
 * @param cursor where the previous page stopped ({@link WorkflowPage#nextCursor()}), or
 * {@code null} for the first page
 */
public record WorkflowQuery(String definition, Set<WorkflowState> states, @Nullable Instant startedAfter,
		@Nullable Instant startedBefore, int pageSize, @Nullable String cursor) {

	/** Most workflows one page returns. */
	public static final int MAX_PAGE_SIZE = 1000;

	/** Workflows a page returns unless {@link #pageSize(int)} says otherwise. */
	public static final int DEFAULT_PAGE_SIZE = 100;

	public WorkflowQuery {
		String problem = ZnodeNames.checkName(definition);
		if (problem != null) {
			throw new IllegalArgumentException("Workflow query definition " + InputText.quote(String.valueOf(definition))
					+ " " + problem + "; use the name of a WorkflowDefinition bean, for example 'order'");
		}
		states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
		if (states.contains(WorkflowState.UNKNOWN)) {
			throw new IllegalArgumentException("Workflow query state UNKNOWN matches no listed workflow (it means "
					+ "'not found'); use " + EnumSet.complementOf(EnumSet.of(WorkflowState.UNKNOWN)));
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException("Workflow query page size must be between 1 and " + MAX_PAGE_SIZE
					+ " (it is " + pageSize + "); page through more with the cursor");
		}
		if (startedAfter != null && startedBefore != null && !startedAfter.isBefore(startedBefore)) {
			throw new IllegalArgumentException("Workflow query range starts at " + startedAfter
					+ ", not before its end " + startedBefore + "; swap them");
		}
		if (cursor != null && cursor.length() > ListCursor.MAX_LENGTH) {
			throw new IllegalArgumentException("Workflow query cursor " + InputText.quote(cursor) + " is longer than "
					+ ListCursor.MAX_LENGTH + " characters, so list never returned it; pass nextCursor of the "
					+ "previous page unchanged");
		}
	}

	/**
	 * Return a query for every workflow of a definition, first page of
	 * {@value #DEFAULT_PAGE_SIZE}.
	 * @param definition the definition name
	 * @return the query
	 */
	public static WorkflowQuery of(String definition) {
		return new WorkflowQuery(definition, Set.of(), null, null, DEFAULT_PAGE_SIZE, null);
	}

	/**
	 * Return this query narrowed to workflows in one of {@code states}.
	 * @param states the states, none for every state
	 * @return the narrowed query
	 */
	public WorkflowQuery inState(WorkflowState... states) {
		return new WorkflowQuery(this.definition, Set.of(states), this.startedAfter, this.startedBefore,
				this.pageSize, this.cursor);
	}

	/**
	 * Return this query narrowed to workflows started in {@code [after, before)}.
	 * @param after the earliest start included, or {@code null}
	 * @param before the start excluded, or {@code null}
	 * @return the narrowed query
	 */
	public WorkflowQuery startedBetween(@Nullable Instant after, @Nullable Instant before) {
		return new WorkflowQuery(this.definition, this.states, after, before, this.pageSize, this.cursor);
	}

	/**
	 * Return this query with another page size.
	 * @param pageSize the most workflows a page returns
	 * @return the query
	 */
	public WorkflowQuery pageSize(int pageSize) {
		return new WorkflowQuery(this.definition, this.states, this.startedAfter, this.startedBefore, pageSize,
				this.cursor);
	}

	/**
	 * Return this query continuing where a page stopped.
	 * @param cursor the page's {@link WorkflowPage#nextCursor()}, {@code null} for the first page
	 * @return the query for the next page
	 */
	public WorkflowQuery after(@Nullable String cursor) {
		return new WorkflowQuery(this.definition, this.states, this.startedAfter, this.startedBefore,
				this.pageSize, cursor);
	}

}
