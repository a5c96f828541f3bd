package io.zkworkflow.sample.orders;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order as it travels through the fulfilment workflow's steps.
 *
 * @param id the order id, also the workflow's idempotency key
 * @param owner the user who placed it, the only one besides an admin who may cancel it
 * @param customerId who ordered
 * @param lines what was ordered
 * @param amount total price
 */
public record Order(String id, String owner, String customerId, List<OrderLine> lines, BigDecimal amount) {
}
