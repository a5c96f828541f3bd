package io.zkworkflow.actuate.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ValueDisclosure;
import org.jspecify.annotations.Nullable;

/**
 * The reads of the {@link AttemptJournal}: {@code tasks/attempts?id=name/uid}, the attempts of
 * one task that ran on this instance, and {@code tasks/throughput}, this instance's attempts per
 * minute.
 */
public final class AttemptJournalViews {

	private AttemptJournalViews() {
	}

	/**
	 * Return the view of one task's attempts on this instance.
	 * @param journal the journal
	 * @return the {@code tasks/attempts} view
	 */
	public static StatusView attempts(AttemptJournal journal) {
		return StatusView.onId("tasks", "attempts", "the task id", "orders/uid", (id) -> {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("id", id);
			result.put("attempts", journal.attemptsOf(id));
			return result;
		});
	}

	/**
	 * Return the view of this instance's attempts per minute.
	 * @param journal the journal
	 * @return the {@code tasks/throughput} view
	 */
	public static StatusView throughput(AttemptJournal journal) {
		return new StatusView() {
			@Override
			public String section() {
				return "tasks";
			}

			@Override
			public String name() {
				return "throughput";
			}

			@Override
			public Object read(@Nullable String id, ValueDisclosure disclosure) {
				return journal.throughput();
			}
		};
	}

}
