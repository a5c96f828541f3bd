package io.zkworkflow.sample.orders;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The payload of {@code close-order}, a join of the invoice and the shipment.
 *
 * @param order the output of {@code send-invoice}
 * @param shipment the output of the {@code shipment} step, the child workflow's result
 */
public record ShippedOrder(@JsonProperty("send-invoice") Order order, @JsonProperty("shipment") Shipment shipment) {
}
