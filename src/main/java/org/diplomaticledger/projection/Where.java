package org.diplomaticledger.projection;

import org.diplomaticledger.shared.CountryCode;

/**
 * The WHERE clause of a list query over a projection's table: the view's slot and point in time, then the filters the client gave,
 * each skipped when absent, with the values bound as parameters.
 */
public final class Where {

    private final Sql sql;

    private Where(ReadView view) {
        sql = Sql.of(" WHERE ").add(view.rows());
    }

    /** Rows of the slot the view reads, valid at the view's point in effective and recorded time. */
    public static Where slotOf(ReadView view) {
        return new Where(view);
    }

    /** {@code column = value}, unless the value is absent (a country code binds as its alpha-2 text). */
    public Where equal(String column, Object value) {
        if (value != null) {
            sql.add(" AND " + column + " = ?", bindable(value));
        }
        return this;
    }

    /** {@code (columnA = value OR columnB = value)}, unless the value is absent: a state on either side. */
    public Where either(String columnA, String columnB, Object value) {
        if (value != null) {
            sql.add(" AND (" + columnA + " = ? OR " + columnB + " = ?)", bindable(value), bindable(value));
        }
        return this;
    }

    /** Any condition with its parameters, when {@code applies}. */
    public Where and(boolean applies, String condition, Object... values) {
        if (applies) {
            Object[] bound = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                bound[i] = bindable(values[i]);
            }
            sql.add(" AND " + condition, bound);
        }
        return this;
    }

    /** {@code head} ({@code SELECT … FROM table}) followed by this WHERE clause, with its values. */
    public Sql select(String head) {
        return Sql.of(head).add(sql);
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
