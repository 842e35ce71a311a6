package org.diplomaticledger.projection;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One row of a projection table as a handler folds it: immutable, its columns by name, every value in one canonical
 * type per SQL type (text {@link String}, whole numbers {@link Long}, {@code DATE} {@link LocalDate}, {@code TIME}
 * {@link LocalTime}, timestamps {@link OffsetDateTime} in UTC to the microsecond, {@link Boolean}), so that a row
 * read back from the database equals the row the handler made. {@link #with} answers a changed copy.
 */
public final class Row {

    final VersionLayout layout;
    private final Object[] values;

    Row(VersionLayout layout, Object[] values) {
        this.layout = layout;
        this.values = values;
    }

    /** The value of a column (canonical type), or null. */
    public Object get(String column) {
        return values[layout.index(column)];
    }

    public String text(String column) {
        return (String) get(column);
    }

    /** A whole number column, or null. */
    public Integer integer(String column) {
        Long value = (Long) get(column);
        return value == null ? null : Math.toIntExact(value);
    }

    /** A whole number column, 0 when null. */
    public int count(String column) {
        Integer value = integer(column);
        return value == null ? 0 : value;
    }

    public LocalDate date(String column) {
        return (LocalDate) get(column);
    }

    public LocalTime time(String column) {
        return (LocalTime) get(column);
    }

    public boolean flag(String column) {
        return Boolean.TRUE.equals(get(column));
    }

    /** This row with {@code column} set to {@code value} (converted to its canonical type). */
    public Row with(String column, Object value) {
        int index = layout.index(column);
        Object canonical = canonical(value);
        if (java.util.Objects.equals(values[index], canonical)) {
            return this;
        }
        Object[] copy = values.clone();
        copy[index] = canonical;
        return new Row(layout, copy);
    }

    /** The values in the layout's column order, unmodifiable. */
    List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    List<Object> key() {
        Object[] key = new Object[layout.keyIndexes.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = values[layout.keyIndexes[i]];
        }
        return Collections.unmodifiableList(Arrays.asList(key));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && Arrays.equals(values, row.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(layout.table).append('{');
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ")
                    .append(layout.columns.get(i))
                    .append('=')
                    .append(values[i]);
        }
        return text.append('}').toString();
    }

    /** The canonical form of a value, from a handler or from a JDBC result set. */
    static Object canonical(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Boolean
                || value instanceof Long
                || value instanceof LocalDate) {
            return value;
        }
        if (value instanceof LocalTime time) {
            return time.truncatedTo(ChronoUnit.SECONDS); // a TIME column keeps whole seconds
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof Time time) {
            return time.toLocalTime().truncatedTo(ChronoUnit.SECONDS);
        }
        if (value instanceof Timestamp timestamp) {
            return utc(timestamp.toInstant());
        }
        if (value instanceof OffsetDateTime dateTime) {
            return utc(dateTime.toInstant());
        }
        if (value instanceof Instant instant) {
            return utc(instant);
        }
        if (value instanceof Character character) {
            return character.toString();
        }
        throw new IllegalArgumentException(
                "a projection row holds no " + value.getClass().getName() + ": " + value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The value as a JDBC parameter: dates as {@code java.sql.Date}, as the ledger has always stored them. */
    static Object jdbc(Object value) {
        return value instanceof LocalDate date ? java.sql.Date.valueOf(date) : value;
    }
}
