package org.diplomaticledger.projection;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a query whose key column is one of some values (a page's missions, presences, talks…), asked for by
 * one equality per value, the queries joined with {@code UNION ALL}: {@code select AND column = ? rest UNION ALL …}.
 *
 * <p>H2 (2.3) uses an {@code IN (…)} list on an index only when the list's column is the index's first; every index of
 * a projection starts with {@code slot}, so {@code column IN (?, ?, …)} read every row of the slot. An equality each
 * is one probe of the index on {@code (slot, column, …)} per value, on H2 and PostgreSQL alike.
 *
 * <p>The values are asked for once each (duplicates dropped), so each row is answered once and a grouped {@code rest}
 * ({@code GROUP BY column, …}) groups as over the whole list. The caller orders the union: {@code ORDER BY} over
 * the union's columns, after it. No value: the query answers no row. Values are never null.
 */
public final class OneOf {

    private OneOf() {}

    /**
     * {@code select AND column = ?} for each distinct value, joined with {@code UNION ALL}.
     *
     * @param select a query ending in its WHERE clause's conditions ({@code SELECT … FROM … WHERE …}), with its values
     */
    public static Sql rows(Sql select, String column, Collection<?> values) {
        return rows(select, column, values, Sql.of(""));
    }

    /**
     * {@code select AND column = ? rest} for each distinct value, joined with {@code UNION ALL}.
     *
     * @param select a query ending in its WHERE clause's conditions ({@code SELECT … FROM … WHERE …}), with its values
     * @param rest   what follows the equality in each query: more conditions, a {@code GROUP BY} (no {@code ORDER BY})
     */
    public static Sql rows(Sql select, String column, Collection<?> values, Sql rest) {
        return rows(select, List.of(column), values.stream().map(List::of).toList(), rest);
    }

    /**
     * {@code select AND columns[0] = ? AND columns[1] = ? … rest} for each distinct key (its values in the order of
     * the columns), joined with {@code UNION ALL}: the rows whose key is one of {@code keys}.
     */
    public static Sql rows(Sql select, List<String> columns, Collection<? extends List<?>> keys, Sql rest) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("no key column");
        }
        Set<List<?>> distinct = new LinkedHashSet<>(keys);
        if (distinct.isEmpty()) {
            return Sql.of("").add(select).add(" AND 1 = 0").add(rest);
        }
        Sql union = Sql.of("");
        boolean first = true;
        for (List<?> key : distinct) {
            if (key.size() != columns.size()) {
                throw new IllegalArgumentException(columns.size() + " key values expected, got " + key.size());
            }
            union.add(first ? "" : " UNION ALL ");
            first = false;
            union.add(select);
            for (int i = 0; i < columns.size(); i++) {
                union.add(" AND " + columns.get(i) + " = ?", key.get(i));
            }
            union.add(rest);
        }
        return union;
    }
}
