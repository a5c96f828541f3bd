package io.zkworkflow.sample.orders;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a client posts to {@code /orders}. The limits keep an order small enough for one
 * workflow's input; a request that breaks one is answered 400 with the fields at fault.
 *
 * @param id optional client-chosen id; posting the same id twice places the order once
 * @param customerId who orders
 * @param lines what, at most {@value #MAX_LINES} lines
 */
public record OrderRequest(
		@Nullable @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}",
				message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit") String id,
		@NotBlank @Size(max = 64) String customerId,
		@NotEmpty @Size(max = OrderRequest.MAX_LINES) List<@Valid @NotNull OrderLine> lines) {

	/** Most lines one order may have. */
	public static final int MAX_LINES = 50;

}
