package io.zkworkflow.sample.orders;

/**
 * One element of the order-line fan-out: what {@code reserve-line} reserves. Small on purpose,
 * since every element is a task payload of its own.
 *
 * @param orderId the order
 * @param index the line's position in the order
 * @param item what
 * @param quantity how many
 */
public record LineToReserve(String orderId, int index, String item, int quantity) {
}
