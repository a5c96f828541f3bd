package io.zkworkflow.actuate.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.zkworkflow.internal.EphemeralBudget;
import io.zkworkflow.internal.EphemeralUsage;
import io.zkworkflow.internal.StatusSection;

/**
 * The {@code ephemerals} section: how many ephemeral znodes this instance's session owns, the
 * size of the record that will close it, and the budget of both.
 */
public class EphemeralBudgetStatusSection implements StatusSection {

	private final EphemeralBudget budget;

	public EphemeralBudgetStatusSection(EphemeralBudget budget) {
		this.budget = budget;
	}

	@Override
	public String sectionName() {
		return "ephemerals";
	}

	@Override
	public Object snapshot() {
		return describe(this.budget);
	}

	/**
	 * Return the use of a budget as JSON-friendly data.
	 * @param budget the budget
	 * @return count, bytes, their budgets and the larger share used in percent
	 */
	static Map<String, Object> describe(EphemeralBudget budget) {
		EphemeralUsage usage = budget.usage();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("count", usage.count());
		result.put("maxCount", (usage.maxCount() == Long.MAX_VALUE) ? "unlimited" : usage.maxCount());
		result.put("bytes", usage.bytes());
		result.put("maxBytes", usage.maxBytes());
		double share = Math.max((double) usage.bytes() / usage.maxBytes(), (double) usage.count() / usage.maxCount());
		result.put("usedPercent", Math.round(share * 1000) / 10.0);
		result.put("juteMaxBuffer", Integer.getInteger(EphemeralBudget.JUTE_MAXBUFFER, EphemeralBudget.DEFAULT_JUTE_MAXBUFFER));
		return result;
	}

}
