package io.zkworkflow.sample.orders;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a client posts to {@code /orders}.
 *
 * @param id optional client-chosen id; posting the same id twice places the order once
 * @param customerId who orders
 * @param item what
 * @param quantity how many
 * @param unitPrice price of one item before discount
 */
public record OrderRequest(@Nullable String id, String customerId, String item, int quantity, BigDecimal unitPrice) {
}
