package io.zkworkflow.sample.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.zkworkflow.config.ZkConfigValue;
import io.zkworkflow.config.ZkValue;

import org.springframework.stereotype.Component;

/**
 * Live configuration of the order service: a feature flag and a JSON document, both changed in
 * ZooKeeper and applied in every instance without a restart.
 */
@Component
public class Pricing {

	@ZkConfigValue(key = "orders.checkout-enabled", defaultValue = "true")
	private volatile boolean checkoutEnabled;

	@ZkConfigValue(key = "orders.pricing", defaultValue = PricingRules.DEFAULT_JSON)
	private ZkValue<PricingRules> rules;

	/**
	 * Whether new orders are accepted.
	 * @return the live flag
	 */
	public boolean isCheckoutEnabled() {
		return this.checkoutEnabled;
	}

	/**
	 * Return the rules in force.
	 * @return the live rules
	 */
	public PricingRules rules() {
		return this.rules.get();
	}

	/**
	 * Price an order with the rules in force.
	 * @param gross the order's total before discount
	 * @return the total after discount
	 */
	public BigDecimal total(BigDecimal gross) {
		return gross.subtract(gross.multiply(rules().discountRate())).setScale(2, RoundingMode.HALF_UP);
	}

}
