package io.zkworkflow.sample.orders;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * One line of an order.
 *
 * @param item what
 * @param quantity how many, 1 to 10,000
 * @param unitPrice price of one item before discount
 */
public record OrderLine(@NotBlank @Size(max = 100) String item, @NotNull @Positive @Max(10_000) Integer quantity,
		@NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 9, fraction = 2) BigDecimal unitPrice) {
}
