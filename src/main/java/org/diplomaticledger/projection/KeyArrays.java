package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a table whose key is one of a list of keys, as one join with the keys unnested from array parameters:
 * {@code SELECT … FROM UNNEST(CAST(? AS VARCHAR ARRAY), …) k(k0, …) JOIN table t ON t.c0 = k.k0 AND … WHERE …}, one
 * index probe per key, on H2 and PostgreSQL alike, as {@link OneOf}'s union of equalities.
 *
 * <p>The text is the same for any number of keys, and it is one {@code SELECT}: H2 (2.3) keeps a {@code SELECT}'s
 * prepared plan in its session's query cache, but never a union's ({@code SelectUnion} is not cacheable), so every
 * union of {@link OneOf} is parsed and planned again at every read, which took a third of an expulsions page's time
 * (JFR, three unions of 50 equalities each). Here a read reuses the plan its connection made the first time.
 *
 * <p>The keys are asked for once each (duplicates dropped), so each row is answered once; their values are text,
 * never null. The caller adds the WHERE clause's conditions (on the table's alias) and any order.
 */
public final class KeyArrays {

    private KeyArrays() {}

    /**
     * {@code SELECT columns FROM UNNEST(…) k(…) JOIN table alias ON alias.keyColumns[i] = k.k<i> … WHERE }, with
     * one array of each key column's values (in the keys' order) bound; the caller adds the conditions.
     */
    public static Sql select(
            String columns,
            String table,
            String alias,
            List<String> keyColumns,
            Collection<? extends List<String>> keys) {
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("no key column");
        }
        Set<List<String>> distinct = new LinkedHashSet<>(keys);
        List<String[]> arrays = new ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            arrays.add(new String[distinct.size()]);
        }
        int row = 0;
        for (List<String> key : distinct) {
            if (key.size() != keyColumns.size()) {
                throw new IllegalArgumentException(keyColumns.size() + " key values expected, got " + key.size());
            }
            for (int i = 0; i < key.size(); i++) {
                arrays.get(i)[row] = key.get(i);
            }
            row++;
        }
        List<String> unnested = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> on = new ArrayList<>();
        for (int i = 0; i < keyColumns.size(); i++) {
            unnested.add("CAST(? AS VARCHAR ARRAY)");
            names.add("k" + i);
            on.add(alias + "." + keyColumns.get(i) + " = k.k" + i);
        }
        return Sql.of(
                "SELECT " + columns + " FROM UNNEST(" + String.join(", ", unnested) + ") k(" + String.join(", ", names)
                        + ") JOIN " + table + " " + alias + " ON " + String.join(" AND ", on) + " WHERE ",
                arrays.toArray());
    }
}
