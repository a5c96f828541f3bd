package io.zkworkflow.benchmarks;

import java.util.List;

/**
 * The results of the selection against one ZooKeeper of a run. A run has one, or two with
 * {@code --zookeeper=both}: the single server first, then the three-server ensemble of
 * separate processes, whose headline ratios go to {@code latest.json} under
 * {@link HeadlineRatio#ensembleKey()}.
 *
 * @param label the column title of the headline table ({@code single server}, {@code ensemble})
 * @param ensemble whether this is the ensemble run of {@code --zookeeper=both}
 * @param zookeeper how the report describes this ZooKeeper
 * @param results every subject's result, medians over the rounds
 */
public record TargetRun(String label, boolean ensemble, String zookeeper, List<SubjectResult> results) {

	public TargetRun {
		results = List.copyOf(results);
	}

	/**
	 * Return the headline ratio of this run under the key it is written with.
	 * @param headline the headline
	 * @return the key in {@code latest.json}
	 */
	String keyOf(HeadlineRatio headline) {
		return this.ensemble ? headline.ensembleKey() : headline.key();
	}

}
