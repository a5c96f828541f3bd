package io.zkworkflow.history.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@link HistoryMetrics} on Micrometer: {@code zk.workflow.history.writes} with tags
 * {@code kind} ({@code task}, {@code workflow}) and {@code outcome} ({@code written},
 * {@code duplicate}, {@code failed}, {@code dropped}). Failed and dropped count rows that
 * the history will never have.
 */
public final class MicrometerHistoryMetrics implements HistoryMetrics {

	private final MeterRegistry registry;

	public MicrometerHistoryMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void write(String kind, Outcome outcome) {
		Counter.builder("zk.workflow.history.writes")
			.description("Rows of finished tasks and workflows offered to the history table, by outcome")
			.tag("kind", kind)
			.tag("outcome", outcome.tag())
			.register(this.registry)
			.increment();
	}

}
