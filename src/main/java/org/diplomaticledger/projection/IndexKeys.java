package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The distinct keys of a versioned table under a fixed prefix of one of its indexes, found by probing the index for
 * the next key after the last one found (a "loose index scan"): one short probe per distinct key, however many
 * versions each key has. A {@code SELECT DISTINCT} would read every version under the prefix, and H2 has no skip scan
 * of its own. The keys are then read at a point one by one ({@link TimePoint#version}).
 *
 * <p>The index must begin with the prefix columns followed by the key columns, in the order given; key values are
 * never null.
 *
 * <p>On H2 the next key is asked for as {@code column >= ?} with the smallest string after the last key (the key
 * followed by U+0000): H2 (2.3) starts a {@code column > ?} range at the value itself and walks every index entry
 * equal to it, which here means every version of the last key (17,000 for a presence's bucket at a million events,
 * 16 ms a probe). PostgreSQL positions {@code >} past the value, and refuses U+0000 in text, so it keeps {@code >}.
 *
 * @param table  the table
 * @param prefix the leading columns of the index that are fixed ({@code slot} first)
 * @param key    the columns after them whose distinct values are wanted
 */
public record IndexKeys(String table, List<String> prefix, List<String> key) {

    public IndexKeys {
        prefix = List.copyOf(prefix);
        key = List.copyOf(key);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("no key column");
        }
    }

    /**
     * Each distinct key in the view's slot under the values of the prefix's other columns, in index order, as its
     * values in the order of {@link #key}: the prefix begins with {@code slot}, which the view binds.
     */
    public List<List<String>> under(SlotJdbc jdbc, ReadView view, Object... prefixValues) {
        if (prefix.isEmpty() || !prefix.get(0).equals("slot")) {
            throw new IllegalStateException(
                    "the index of " + table + " under " + prefix + " does not begin with the slot");
        }
        Object[] values = new Object[prefixValues.length + 1];
        values[0] = view.slot().code();
        System.arraycopy(prefixValues, 0, values, 1, prefixValues.length);
        return under(jdbc.jdbc(), values);
    }

    /** Each distinct key under the prefix's values, in index order, as its values in the order of {@link #key}. */
    List<List<String>> under(JdbcTemplate jdbc, Object... prefixValues) {
        if (prefixValues.length != prefix.size()) {
            throw new IllegalArgumentException(prefix.size() + " prefix values expected, got " + prefixValues.length);
        }
        String order =
                " ORDER BY " + Stream.concat(prefix.stream(), key.stream()).collect(Collectors.joining(", "))
                        + " FETCH FIRST ROW ONLY";
        List<List<String>> keys = new ArrayList<>();
        boolean h2 = DatabaseProduct.isH2(jdbc);
        collect(
                jdbc,
                order,
                h2,
                new ArrayList<>(prefix),
                new ArrayList<>(List.of(prefixValues)),
                new ArrayList<>(),
                keys);
        return keys;
    }

    private void collect(
            JdbcTemplate jdbc,
            String order,
            boolean h2,
            List<String> fixed,
            List<Object> values,
            List<String> found,
            List<List<String>> keys) {
        String column = key.get(found.size());
        String where = " WHERE " + fixed.stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
        List<String> next = jdbc.queryForList(
                "SELECT " + column + " FROM " + table + where + order, String.class, values.toArray());
        while (!next.isEmpty()) {
            String value = next.get(0);
            found.add(value);
            if (found.size() == key.size()) {
                keys.add(List.copyOf(found));
            } else {
                fixed.add(column);
                values.add(value);
                collect(jdbc, order, h2, fixed, values, found, keys);
                fixed.remove(fixed.size() - 1);
                values.remove(values.size() - 1);
            }
            found.remove(found.size() - 1);
            List<Object> after = new ArrayList<>(values);
            after.add(h2 ? value + '\u0000' : value);
            next = jdbc.queryForList(
                    "SELECT " + column + " FROM " + table + where + " AND " + column + (h2 ? " >= ?" : " > ?") + order,
                    String.class,
                    after.toArray());
        }
    }
}
