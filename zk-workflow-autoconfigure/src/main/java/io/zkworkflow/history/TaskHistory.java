package io.zkworkflow.history;

import java.util.List;
import java.util.Optional;

import io.zkworkflow.task.TaskId;

/**
 * Finished tasks as the history sink recorded them: those that succeeded and those that went
 * to the dead letters, kept after ZooKeeper's retention removed them. Cancelled tasks are not
 * recorded.
 */
public interface TaskHistory {

	/**
	 * Return the recorded ending of one task.
	 * @param id the task
	 * @return its row, or empty when it was never recorded
	 */
	Optional<FinishedTask> find(TaskId id);

	/**
	 * Return one page of recorded endings, newest first.
	 * @param query the task name, state ({@code SUCCEEDED} or {@code DEAD}), time range and page
	 * @return the page, empty past the last row
	 * @throws IllegalArgumentException when the query names a state no finished task has
	 */
	List<FinishedTask> search(HistoryQuery query);

}
