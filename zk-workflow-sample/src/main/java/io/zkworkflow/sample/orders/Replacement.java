package io.zkworkflow.sample.orders;

/**
 * The input of the {@code order-replacement} workflow.
 *
 * @param order the delivered order, as it was placed
 * @param reason why it is replaced
 * @param requestedBy the user who asked for it
 */
public record Replacement(Order order, String reason, String requestedBy) {
}
