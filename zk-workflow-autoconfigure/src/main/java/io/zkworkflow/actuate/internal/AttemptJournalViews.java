package io.zkworkflow.actuate.internal;

import io.zkworkflow.internal.StatusView;
import io.zkworkflow.internal.ValueDisclosure;
import org.jspecify.annotations.Nullable;

/**
 * The read of the {@link AttemptJournal}: {@code tasks/throughput}, this instance's attempts per
 * minute.
 */
public final class AttemptJournalViews {

	private AttemptJournalViews() {
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
