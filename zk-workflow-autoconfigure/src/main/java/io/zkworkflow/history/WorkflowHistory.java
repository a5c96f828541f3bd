package io.zkworkflow.history;

import java.util.List;
import java.util.Optional;

import io.zkworkflow.workflow.WorkflowId;

/**
 * Finished workflows as the history sink recorded them (completed, failed or cancelled), kept
 * after ZooKeeper's retention removed them.
 */
public interface WorkflowHistory {

	/**
	 * Return the recorded ending of one workflow.
	 * @param id the workflow
	 * @return its row, or empty when it was never recorded
	 */
	Optional<FinishedWorkflow> find(WorkflowId id);

	/**
	 * Return one page of recorded endings, newest first.
	 * @param query the definition name, state ({@code COMPLETED}, {@code FAILED} or
	 * {@code CANCELLED}), time range and page
	 * @return the page, empty past the last row
	 * @throws IllegalArgumentException when the query names a state no finished workflow has
	 */
	List<FinishedWorkflow> search(HistoryQuery query);

}
