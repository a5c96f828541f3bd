package io.zkworkflow.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Combines the rounds of a run: one result per subject whose figures are the medians of its
 * rounds. Correctness counters are added up (a violation in any round stays visible), and a
 * failure in any round makes the subject failed.
 */
final class RoundMedians {

	private RoundMedians() {
	}

	/**
	 * Combine rounds.
	 * @param rounds each round's results, every round with the same subjects in the same order
	 * @return one result per subject
	 */
	static List<SubjectResult> combine(List<List<SubjectResult>> rounds) {
		if (rounds.size() == 1) {
			return rounds.get(0);
		}
		List<SubjectResult> combined = new ArrayList<>();
		for (int i = 0; i < rounds.get(0).size(); i++) {
			int index = i;
			combined.add(medianOf(rounds.stream().map((round) -> round.get(index)).toList()));
		}
		return combined;
	}

	private static SubjectResult medianOf(List<SubjectResult> results) {
		SubjectResult first = results.get(0);
		Map<String, Long> correctness = new LinkedHashMap<>();
		results.forEach((result) -> result.correctness().forEach((name, value) -> correctness.merge(name, value, Long::sum)));
		for (SubjectResult result : results) {
			if (!result.succeeded()) {
				return new SubjectResult(first.subject(), first.measurement(), first.table(), 0, 0, 0, 0, 0, correctness,
						"", result.failure());
			}
		}
		String perRound = results.stream()
			.map((result) -> Figures.throughput(result.opsPerSecond()))
			.collect(Collectors.joining(" / "));
		String note = (first.note().isEmpty() ? "" : first.note() + "; ") + "median of " + results.size()
				+ " rounds (ops/s per round: " + perRound + ")";
		return new SubjectResult(first.subject(), first.measurement(), first.table(),
				results.stream().mapToLong(SubjectResult::operations).sum(), median(results, SubjectResult::opsPerSecond),
				(long) median(results, SubjectResult::p50Nanos), (long) median(results, SubjectResult::p99Nanos),
				results.stream().mapToLong(SubjectResult::maxNanos).max().orElse(0), correctness, note, null);
	}

	private static double median(List<SubjectResult> results, ToDoubleFunction<SubjectResult> figure) {
		double[] values = results.stream().mapToDouble(figure).toArray();
		Arrays.sort(values);
		int middle = values.length / 2;
		return (values.length % 2 == 1) ? values[middle] : (values[middle - 1] + values[middle]) / 2;
	}

}
