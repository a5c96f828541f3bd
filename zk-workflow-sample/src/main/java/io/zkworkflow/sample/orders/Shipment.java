package io.zkworkflow.sample.orders;

import java.util.List;

/**
 * The result of the {@code shipment} workflow, and so the output of the parent's
 * {@code shipment} step: the parcel is with the courier.
 *
 * @param orderId the order
 * @param trackingNumber the courier's tracking number, one per shipment
 * @param items what the parcel holds
 */
public record Shipment(String orderId, String trackingNumber, List<String> items) {
}
