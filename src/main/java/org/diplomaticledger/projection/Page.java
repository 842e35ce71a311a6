package org.diplomaticledger.projection;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer: the items, where the page starts, how many there are in all, and the ledger position
 * the projection had reached when it answered. With {@code Accept: text/csv} only the items are written, one row each.
 */
public record Page<T>(List<T> items, int page, int size, long total, long position) {

    /** Every item on one page (a trend series, whose length its range bounds): page 0, size = total = the items. */
    public static <T> Page<T> all(List<T> items, long position) {
        return new Page<>(items, 0, items.size(), items.size(), position);
    }

    /** The same page with each item mapped (a row marked, say): the paging, total and position stay. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapping) {
        return new Page<>(items.stream().<R>map(mapping).toList(), page, size, total, position);
    }
}
