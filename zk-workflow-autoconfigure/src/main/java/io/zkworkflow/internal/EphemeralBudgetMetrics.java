package io.zkworkflow.internal;

import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

/**
 * Gauges of the {@link EphemeralBudget}, in the shape of Micrometer's own pairs such as
 * {@code jvm.memory.used} and {@code jvm.memory.max}: {@code zk.workflow.ephemeral.count} and
 * {@code zk.workflow.ephemeral.bytes} for the use, {@code zk.workflow.ephemeral.count.max} and
 * {@code zk.workflow.ephemeral.bytes.max} for the budget (the count budget is reported as
 * {@code NaN} when only the size is limited).
 */
public final class EphemeralBudgetMetrics {

	private final EphemeralBudget budget;

	public EphemeralBudgetMetrics(EphemeralBudget budget, @Nullable MeterRegistry registry) {
		this.budget = budget;
		if (registry != null) {
			bindTo(registry);
		}
	}

	private void bindTo(MeterRegistry registry) {
		gauge(registry, "zk.workflow.ephemeral.count", "Ephemeral znodes this instance's session owns", null,
				(budget) -> budget.usage().count());
		gauge(registry, "zk.workflow.ephemeral.count.max", "Most ephemeral znodes this instance's session may own",
				null, (budget) -> countLimit(budget.usage().maxCount()));
		gauge(registry, "zk.workflow.ephemeral.bytes",
				"Size of the record that closes this instance's session: its ephemeral paths", BaseUnits.BYTES,
				(budget) -> budget.usage().bytes());
		gauge(registry, "zk.workflow.ephemeral.bytes.max", "Most bytes of ephemeral paths this instance's session may own",
				BaseUnits.BYTES, (budget) -> budget.usage().maxBytes());
	}

	private void gauge(MeterRegistry registry, String name, String description, @Nullable String unit,
			ToDoubleFunction<EphemeralBudget> value) {
		Gauge.builder(name, this.budget, value).description(description).baseUnit(unit).strongReference(true)
			.register(registry);
	}

	private static double countLimit(long maxCount) {
		return (maxCount == Long.MAX_VALUE) ? Double.NaN : maxCount;
	}

}
