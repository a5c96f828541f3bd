package io.zkworkflow.sample.orders;

import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The optional body of {@code POST /orders/{id}/payment}.
 *
 * @param reference the payment provider's reference
 */
public record PaymentRequest(@Nullable @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
		message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String reference) {
}
