package io.zkworkflow.sample.orders;

import java.math.BigDecimal;

/**
 * An order as it travels through the fulfilment workflow's steps.
 *
 * @param id the order id, also the workflow's idempotency key
 * @param customerId who ordered
 * @param item what was ordered
 * @param quantity how many
 * @param amount total price
 */
public record Order(String id, String customerId, String item, int quantity, BigDecimal amount) {
}
