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
 *
 * <p>A piece that a {@link ReadView} made with its slot bound ({@link ReadView#rows}, {@link KeyVersion#of}) marks
 * what it is added to as {@linkplain #bindsSlot() binding a slot}; {@link SlotJdbc} runs only such queries, so a
 * query of a projection cannot forget its slot.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Object> args = new ArrayList<>();
    private boolean slot;

    private Sql() {}

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
        slot |= more.slot;
        return this;
    }

    /**
     * The queries joined with {@code UNION ALL}, in order (the caller orders the union after it); binding a slot if
     * every one does.
     */
    public static Sql unionAll(List<Sql> queries) {
        if (queries.isEmpty()) {
            throw new IllegalArgumentException("no query to join");
        }
        Sql union = new Sql();
        boolean slots = true;
        for (int i = 0; i < queries.size(); i++) {
            union.text.append(i == 0 ? "" : " UNION ALL ").append(queries.get(i).text);
            union.args.addAll(queries.get(i).args);
            slots &= queries.get(i).slot;
        }
        union.slot = slots;
        return union;
    }

    /** Marks this piece as a condition of a {@link ReadView}'s slot, with the slot bound. */
    Sql slotBound() {
        slot = true;
        return this;
    }

    /** Whether a piece added holds a {@link ReadView}'s slot condition with the slot bound. */
    boolean bindsSlot() {
        return slot;
    }

    /** The text, with {@code ?} placeholders. */
    public String text() {
        return text.toString();
    }

    /** The placeholders' values, in the order of the text. */
    public Object[] args() {
        return args.toArray();
    }

    @Override
    public String toString() {
        return text + " " + args;
    }
}
