package io.zkworkflow.sample.orders;

import org.jspecify.annotations.Nullable;

/**
 * The payload of the {@code payment-confirmed} signal, sent by {@code POST /orders/{id}/payment}.
 *
 * @param reference the payment provider's reference, if the client gave one
 * @param confirmedBy the user who confirmed it
 */
public record Payment(@Nullable String reference, String confirmedBy) {
}
