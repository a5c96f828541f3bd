package io.zkworkflow.history.internal;

/**
 * What the history sink measures. {@link #NONE} when Micrometer is absent.
 */
public interface HistoryMetrics {

	/** Metrics that record nothing. */
	HistoryMetrics NONE = new HistoryMetrics() {
	};

	/** Outcome tag values of {@code zk.workflow.history.writes}. */
	enum Outcome {

		/** The row was inserted. */
		WRITTEN,

		/** A row for the id was there already; nothing changed. */
		DUPLICATE,

		/** The database refused or could not be reached; the row is lost. */
		FAILED,

		/** The write queue was full or closed; the row is lost. */
		DROPPED;

		String tag() {
			return name().toLowerCase();
		}

	}

	/**
	 * Count one row's fate.
	 * @param kind {@code task} or {@code workflow}
	 * @param outcome what became of it
	 */
	default void write(String kind, Outcome outcome) {
	}

}
