package io.zkworkflow.sample.orders;

/**
 * What {@code reserve-line} returns for one line; the join receives them in the order of the
 * lines, whichever finished first.
 *
 * @param index the line's position in the order
 * @param item what was reserved
 * @param quantity how many
 */
public record LineReservation(int index, String item, int quantity) {
}
