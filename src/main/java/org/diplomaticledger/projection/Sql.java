package org.diplomaticledger.projection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQL text and the values of its {@code ?} placeholders, written together: each piece of text is added with the
 * values of the placeholders it holds, so the order of the values cannot drift from the text's, wherever a piece
 * bound by someone else (a point in time, {@link TimePoint#rows}) lands in the query. Values the reads would otherwise
 * write into the text (a day, an instant) stay parameters: the text of a query is then the same for every value, and
 * the database parses and plans it once.
 *
 * <p>A builder: {@link #add} appends to this object and answers it. Adding another {@code Sql} copies its text and
 * values, so a piece can be added more than once.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> args = new ArrayList<>();

    private Sql() {
    }

    /** Text with the values of its placeholders, in order. */
    public static Sql of(String text, Object... args) {
        return new Sql().add(text, args);
    }

    /** Appends text with the values of its placeholders, in order (as many as it has {@code ?}). */
    public Sql add(String more, Object... values) {
        long marks = more.chars().filter(c -> c == '?').count();
        if (marks != values.length) {
            throw new IllegalArgumentException(marks + " placeholders, " + values.length + " values: " + more);
        }
        text.append(more);
        args.addAll(Arrays.asList(values));
        return this;
    }

    /** Appends another piece's text and values. */
    public Sql add(Sql more) {
        text.append(more.text);
        args.addAll(more.args);
        return this;
    }

    /** The text, with {@code ?} placeholders. */
    public String text() {
        return text.toString();
    }

    /** The placeholders' values, in the order of the text. */
    public Object[] args() {
        return args.toArray();
    }

    /** The placeholders' values, in the order of the text. */
    public List<Object> argList() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(args));
    }

    @Override
    public String toString() {
        return text + " " + args;
    }
}
