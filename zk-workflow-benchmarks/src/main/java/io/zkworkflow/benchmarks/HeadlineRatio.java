package io.zkworkflow.benchmarks;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One ratio a reader of the results looks at first, under a key that stays the same from run
 * to run ({@code tasks.saturated.vs_distributed_queue}), so that a script can compare runs.
 * Each divides one figure of a subject by the same figure of its table's baseline, measured in
 * the same run.
 *
 * @param key the key in {@code latest.json}
 * @param subject the subject whose figure is divided
 * @param figure which figure
 */
public record HeadlineRatio(String key, String subject, Figure figure) {

	/** The figure a headline divides. */
	public enum Figure {

		/** Throughput: above 1 is faster. */
		OPS_PER_SECOND,

		/** Median latency: below 1 is faster. */
		P50,

		/** 99th percentile latency: below 1 is faster. */
		P99;

		double of(SubjectResult result) {
			return switch (this) {
				case OPS_PER_SECOND -> result.opsPerSecond();
				case P50 -> result.p50Nanos();
				case P99 -> result.p99Nanos();
			};
		}

	}

	/** Every headline, in report order. Add one here when a subject answers a new question. */
	public static final List<HeadlineRatio> ALL = List.of(
			new HeadlineRatio("raw.async_create.vs_sync_create_delete", "zk.async-create", Figure.OPS_PER_SECOND),
			new HeadlineRatio("locks.curator_mutex.vs_raw_create_delete", "curator.mutex", Figure.OPS_PER_SECOND),
			new HeadlineRatio("locks.shedlock.vs_raw_create_delete", "shedlock.lock-unlock", Figure.OPS_PER_SECOND),
			new HeadlineRatio("locks.annotation.vs_raw_create_delete", "zkworkflow.lock-annotation",
					Figure.OPS_PER_SECOND),
			new HeadlineRatio("locks.template.vs_raw_create_delete", "zkworkflow.lock-template", Figure.OPS_PER_SECOND),
			new HeadlineRatio("locks.contended.vs_curator_mutex", "zkworkflow.lock-contended", Figure.OPS_PER_SECOND),
			new HeadlineRatio("locks.distinct_keys.vs_one_thread", "zkworkflow.lock-distinct-keys",
					Figure.OPS_PER_SECOND),
			new HeadlineRatio("tasks.saturated.vs_distributed_queue", "zkworkflow.tasks-saturated",
					Figure.OPS_PER_SECOND),
			new HeadlineRatio("tasks.pickup_p50.vs_distributed_queue", "zkworkflow.tasks-paced", Figure.P50),
			new HeadlineRatio("tasks.pickup_p99.vs_distributed_queue", "zkworkflow.tasks-paced", Figure.P99),
			new HeadlineRatio("tasks.concurrency_limit.vs_no_limit", "zkworkflow.tasks-concurrency-limit-on",
					Figure.OPS_PER_SECOND),
			new HeadlineRatio("tasks.rate_limit.vs_no_limit", "zkworkflow.tasks-rate-limit-on", Figure.OPS_PER_SECOND),
			new HeadlineRatio("workflows.four_step.vs_tasks", "zkworkflow.workflows-four-step", Figure.OPS_PER_SECOND),
			new HeadlineRatio("workflows.fan_out_100.vs_tasks", "zkworkflow.workflows-fan-out-100",
					Figure.OPS_PER_SECOND),
			new HeadlineRatio("tasks.submit_large_pending_p99.vs_1k_pending", "zkworkflow.tasks-submit-large-pending",
					Figure.P99),
			new HeadlineRatio("tasks.claim_large_pending_p99.vs_1k_pending", "zkworkflow.tasks-claim-large-pending",
					Figure.P99),
			new HeadlineRatio("config.propagation_p50.vs_curator_cache", "zkworkflow.config-propagation", Figure.P50),
			new HeadlineRatio("config.propagation_p99.vs_curator_cache", "zkworkflow.config-propagation", Figure.P99));

	/**
	 * Return the key of this ratio measured against the three-server ensemble when a run
	 * measures both ({@code --zookeeper=both}): {@code ensemble} before the last part of the key,
	 * {@code tasks.saturated.ensemble.vs_distributed_queue}.
	 * @return the key in {@code latest.json}
	 */
	public String ensembleKey() {
		int last = this.key.lastIndexOf('.');
		return this.key.substring(0, last) + ".ensemble" + this.key.substring(last);
	}

	/**
	 * Return this ratio in a run's results.
	 * @param results the run's results
	 * @return the ratio, {@code null} when the subject or its baseline was not measured (not
	 * selected, or failed)
	 */
	public @Nullable Double in(List<SubjectResult> results) {
		Optional<SubjectResult> row = find(results, this.subject);
		if (row.isEmpty()) {
			return null;
		}
		return ratio(this.figure, row.get(), find(results, row.get().table().baseline()).orElse(null));
	}

	/**
	 * Divide a figure of a result by the same figure of its baseline.
	 * @param figure the figure
	 * @param row the result
	 * @param baseline its baseline, or {@code null} when not measured
	 * @return the ratio, {@code null} when either failed or the baseline's figure is 0
	 */
	static @Nullable Double ratio(Figure figure, SubjectResult row, @Nullable SubjectResult baseline) {
		if (baseline == null || !row.succeeded() || !baseline.succeeded() || figure.of(baseline) <= 0) {
			return null;
		}
		return Math.round(figure.of(row) / figure.of(baseline) * 1000) / 1000.0;
	}

	static Optional<SubjectResult> find(List<SubjectResult> results, String subject) {
		return results.stream().filter((result) -> result.subject().equals(subject)).findFirst();
	}

}
