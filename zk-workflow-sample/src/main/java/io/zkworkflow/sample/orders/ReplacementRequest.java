package io.zkworkflow.sample.orders;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /orders/{id}/replacement}.
 *
 * @param reason why the delivered goods are replaced, such as {@code arrived damaged}: 1 to
 * 200 characters on one line
 */
public record ReplacementRequest(@NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*",
		message = "must be one line without control characters") String reason) {
}
