package io.zkworkflow.sample.orders;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The payload of {@code reserve-stock}, a join of two steps: the accepted order and the
 * fan-out's reservations, one per line, in the order of the lines.
 *
 * @param order the output of {@code accept-order}
 * @param lines the output of the {@code reserve-line} fan-out
 */
public record ReservedStock(@JsonProperty("accept-order") Order order,
		@JsonProperty("reserve-line") List<LineReservation> lines) {
}
