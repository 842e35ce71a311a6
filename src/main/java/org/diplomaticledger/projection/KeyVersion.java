package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.List;

/**
 * The query of one key's version at a point ({@link TimePoint#version}) with its parameters. The text and the
 * parameters are built together, each placeholder with its value or with the part of the key it stands for, so the
 * order of the parameters cannot drift from the text's.
 *
 * @param sql    the query, with {@code ?} placeholders
 * @param params the value of each placeholder in order; a {@link Given} stands for the slot or a value of the key
 * @param keys   how many columns the key has
 * @param slot   the slot the query reads ({@code null} until {@link #inSlot})
 */
public record KeyVersion(String sql, List<Object> params, int keys, String slot) {

    public KeyVersion {
        params = List.copyOf(params);
    }

    /** A parameter the reader gives: the slot ({@code -1}) or the key's value at {@code index}. */
    record Given(int index) {}

    /** This query read in a slot. */
    public KeyVersion inSlot(String slot) {
        return new KeyVersion(sql, params, keys, slot);
    }

    /** The parameters for a key's values, in the order of the key's columns. */
    public Object[] args(Object... key) {
        if (slot == null) {
            throw new IllegalStateException("no slot: read it inSlot(...) first");
        }
        if (key.length != keys) {
            throw new IllegalArgumentException(keys + " key values expected, got " + key.length);
        }
        Object[] args = new Object[params.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = params.get(i) instanceof Given given
                    ? (given.index() < 0 ? slot : key[given.index()])
                    : params.get(i);
        }
        return args;
    }

    /**
     * The query of the version of the key with these values (in the order of the key's columns), its parameters
     * bound: a query of the slot ({@link Sql#bindsSlot()}), since a key version reads only {@linkplain #inSlot in a
     * slot}. Queries of several keys can be joined ({@link Sql#unionAll}).
     */
    public Sql of(Object... key) {
        return Sql.of(sql, args(key)).slotBound();
    }

    /** The text being written and its placeholders' values, in step. */
    static final class Text {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();
        private final int keys;

        Text(int keys) {
            this.keys = keys;
        }

        Text add(String text) {
            sql.append(text);
            return this;
        }

        /** Text with values of its own, each a plain parameter. */
        Text add(Sql piece) {
            sql.append(piece.text());
            params.addAll(List.of(piece.args()));
            return this;
        }

        Text param(Object value) {
            sql.append('?');
            params.add(value);
            return this;
        }

        /** {@code slot = ? AND column = ? …} for the key's columns, with an alias prefix ({@code "v."} or empty). */
        Text key(String prefix, List<String> columns) {
            add(prefix + "slot = ").param(new Given(-1));
            for (int i = 0; i < columns.size(); i++) {
                add(" AND " + prefix + columns.get(i) + " = ").param(new Given(i));
            }
            return this;
        }

        KeyVersion build() {
            return new KeyVersion(sql.toString(), params, keys, null);
        }
    }
}
