package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Paging and sorting of a list query: {@code page} (from 0), {@code size} (1 to 1000, 50 by default; CSV answers may
 * ask up to 100000) and {@code sort} ({@code field} or {@code field,desc}, several separated by ';'), where each
 * field is one the query allows. Builds the SQL {@code ORDER BY ... LIMIT ... OFFSET ...} tail.
 */
public record PageQuery(int page, int size, String orderBy) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 1000;
    public static final int MAX_CSV_SIZE = 100_000;

    /**
     * @param sortable   API field name to SQL expression
     * @param defaultSort SQL order used when the client gives none, and after the client's as a tie-breaker
     */
    public static PageQuery of(
            Integer page, Integer size, String sort, boolean csv, Map<String, String> sortable, String defaultSort) {
        int p = page == null ? 0 : page;
        if (p < 0) {
            throw new QueryParameterException("page", "pages count from 0");
        }
        int max = csv ? MAX_CSV_SIZE : MAX_SIZE;
        int s = size == null ? (csv ? MAX_CSV_SIZE : DEFAULT_SIZE) : size;
        if (s < 1 || s > max) {
            throw new QueryParameterException("size", "between 1 and " + max);
        }
        List<String> order = new ArrayList<>();
        if (sort != null && !sort.isBlank()) {
            for (String part : sort.split(";")) {
                String[] pieces = part.trim().split(",");
                String field = pieces[0].trim();
                String expression = sortable.get(field);
                if (expression == null) {
                    throw new QueryParameterException(
                            "sort",
                            "cannot sort by '" + field + "'; sortable: "
                                    + String.join(", ", new java.util.TreeSet<>(sortable.keySet())));
                }
                String direction = pieces.length > 1 ? pieces[1].trim().toLowerCase(Locale.ROOT) : "asc";
                if (!direction.equals("asc") && !direction.equals("desc")) {
                    throw new QueryParameterException("sort", "direction is asc or desc, not '" + direction + "'");
                }
                // Missing values first when ascending, last when descending, on every database (PostgreSQL's own
                // default is the opposite of H2's).
                order.add(expression + (direction.equals("asc") ? " ASC NULLS FIRST" : " DESC NULLS LAST"));
            }
        }
        order.add(defaultSort);
        return new PageQuery(p, s, String.join(", ", order));
    }

    /** {@code ORDER BY ... LIMIT ? OFFSET ?}, with the limit and offset inlined (both are checked numbers). */
    public String sql() {
        return orderSql() + " LIMIT " + size + " OFFSET " + ((long) page * size);
    }

    /**
     * {@code OFFSET ? ROWS FETCH NEXT ? ROWS ONLY} alone, inlined: for a query that writes its order itself. The
     * standard's words, which H2 also takes after a union of parenthesized queries (where it refuses {@code LIMIT}).
     */
    public String fetchSql() {
        return " OFFSET " + ((long) page * size) + " ROWS FETCH NEXT " + size + " ROWS ONLY";
    }

    /** How many rows, in the page's order, lead up to the end of this page: its offset and its size. */
    public long rowsThrough() {
        return ((long) page + 1) * size;
    }

    /** {@code ORDER BY ...} alone: for a read that takes every row and cuts the page itself ({@link #of}). */
    public String orderSql() {
        return " ORDER BY " + orderBy;
    }

    /** This page of rows already in the page's order (all of them, not only the page's). */
    public <T> List<T> of(List<T> all) {
        long from = Math.min((long) page * size, all.size());
        return all.subList((int) from, (int) Math.min(from + size, all.size()));
    }
}
