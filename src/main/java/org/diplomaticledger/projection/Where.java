package org.diplomaticledger.projection;

import org.diplomaticledger.shared.CountryCode;

import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause of a list query over a projection's table: the view's slot and point in time, then the filters the client gave,
 * each skipped when absent, with the values bound as parameters.
 */
public final class Where {

    private final StringBuilder sql;
    private final List<Object> args = new ArrayList<>();

    private Where(ReadView view) {
        Sql rows = view.rows();
        sql = new StringBuilder(" WHERE ").append(rows.text());
        args.addAll(rows.argList());
    }

    /** Rows of the slot the view reads, valid at the view's point in effective and recorded time. */
    public static Where slotOf(ReadView view) {
        return new Where(view);
    }

    /** {@code column = value}, unless the value is absent (a country code binds as its alpha-2 text). */
    public Where equal(String column, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(bindable(value));
        }
        return this;
    }

    /** {@code (columnA = value OR columnB = value)}, unless the value is absent: a state on either side. */
    public Where either(String columnA, String columnB, Object value) {
        if (value != null) {
            sql.append(" AND (").append(columnA).append(" = ? OR ").append(columnB).append(" = ?)");
            args.add(bindable(value));
            args.add(bindable(value));
        }
        return this;
    }

    /** Any condition with its parameters, when {@code applies}. */
    public Where and(boolean applies, String condition, Object... values) {
        if (applies) {
            sql.append(" AND ").append(condition);
            for (Object value : values) {
                args.add(bindable(value));
            }
        }
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    public Object[] args() {
        return args.toArray();
    }

    private static Object bindable(Object value) {
        if (value instanceof CountryCode code) {
            return code.value();
        }
        if (value instanceof java.time.LocalDate date) {
            return java.sql.Date.valueOf(date);
        }
        return value;
    }
}
