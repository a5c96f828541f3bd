package io.zkworkflow.sample.orders;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The payload of {@code charge-card}, a join of the reserved order and the payment signal.
 *
 * @param order the output of {@code reserve-stock}
 * @param payment the payload of the {@code payment-confirmed} signal
 */
public record PaidOrder(@JsonProperty("reserve-stock") Order order,
		@JsonProperty("payment-confirmed") Payment payment) {
}
