package io.zkworkflow.sample.orders;

import java.util.List;

/**
 * What {@code pack-parcel} packed: it waits for the courier and is then handed over.
 *
 * @param orderId the order the goods belong to
 * @param items one entry per line, such as {@code 2 x book}
 */
public record Parcel(String orderId, List<String> items) {
}
