package io.zkworkflow.sample.pricing;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Pricing rules kept as one JSON document in ZooKeeper ({@code orders.pricing}) and swapped
 * whole: a document that breaks a rule below is refused and the last good one stays.
 *
 * @param discountRate share taken off every order, between 0 and 0.5
 * @param currency ISO currency code
 */
public record PricingRules(@DecimalMin("0.0") @DecimalMax("0.5") BigDecimal discountRate,
		@NotBlank @Pattern(regexp = "[A-Z]{3}") String currency) {

	/** Rules used until ZooKeeper holds a document. */
	public static final String DEFAULT_JSON = "{\"discountRate\": 0.05, \"currency\": \"EUR\"}";

}
