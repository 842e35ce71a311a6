package org.diplomaticledger.projection;

import java.time.LocalDate;
import java.util.List;

/**
 * What one read of a projection sees: the slot to read, the ledger position the slot reflects and the point in
 * effective and recorded time to read it at ({@link Reads#await}). Queries take their conditions from it
 * ({@link #rows}, {@link #version}), each with its values bound, so the slot and the point go into a query together.
 * Not a snapshot in Axon's sense (an aggregate's stored state): nothing is copied; the view names what to read.
 */
public record ReadView(String projection, Slot slot, long position, TimePoint point) {

    /** The day the answer describes. */
    public LocalDate asOf() {
        return point.asOf();
    }

    /**
     * The condition selecting the table's (or alias's) rows of the slot valid at the point, with the slot and the
     * point bound ({@link TimePoint#rows}).
     */
    public Sql rows(String alias) {
        return point.rows(alias, slot.code()).slotBound();
    }

    /** {@link #rows(String)} for a query over one table without alias. */
    public Sql rows() {
        return rows(null);
    }

    /**
     * {@link #rows(String)} with the slot bound as the column's type, {@code CHAR(1)}: H2 compares each index entry's
     * slot with a {@code VARCHAR} parameter by converting the parameter again, a new value each time, which a count
     * over many index entries pays for (JFR: most of what an expulsions count allocated).
     */
    public Sql typedRows(String alias) {
        return Sql.of(prefix(alias) + "slot = CAST(? AS CHAR(1)) AND ", slot.code())
                .add(point.valid(alias))
                .slotBound();
    }

    /**
     * The versions of the slot the ledger believed at the point's {@code knownAt}, whatever days they are valid on,
     * with the slot and the point bound: for trends, which read each day of a span from the versions valid on it.
     */
    public Sql knownRows(String alias) {
        return Sql.of(prefix(alias) + "slot = ? AND ", slot.code())
                .add(point.known(alias))
                .slotBound();
    }

    /**
     * {@link #knownRows} without the slot's condition, for a table joined or correlated to one whose slot is bound
     * ({@code x.slot = p.slot AND …}).
     */
    public Sql known(String alias) {
        return point.known(alias);
    }

    /** A version's end in effective time as known at the point's {@code knownAt}: {@link TimePoint#validTo}. */
    public Sql validTo(String alias) {
        return point.validTo(alias);
    }

    /** That a version known at {@code knownAt} is valid after {@code day}: {@link TimePoint#validAfter}. */
    public Sql validAfter(String alias, LocalDate day) {
        return point.validAfter(alias, day);
    }

    /**
     * The query of the one version of a key valid at the point in this slot, in a table that keeps {@code reach}
     * ({@link TimePoint#version}); {@link KeyVersion#of} gives it for a key, with its values bound.
     */
    public KeyVersion version(String table, String... key) {
        return point.version(table, List.of(key)).inSlot(slot.code());
    }

    /**
     * {@link #version(String, String...)} answering {@code columns}, with their values (a correlated subquery's point):
     * {@link TimePoint#version(String, List, Sql)}.
     */
    public KeyVersion versionOf(String table, Sql columns, String... key) {
        return point.version(table, List.of(key), columns).inSlot(slot.code());
    }

    /** The validity condition alone (no slot condition), for a joined table whose slot is bound otherwise. */
    public Sql valid(String alias) {
        return point.valid(alias);
    }

    /**
     * The same position and point read in another projection's slot: for an answer that joins in another
     * projection's rows (the staffing list's relations levels).
     */
    public ReadView in(String otherProjection, Slot otherSlot) {
        return new ReadView(otherProjection, otherSlot, position, point);
    }

    private static String prefix(String alias) {
        return alias == null || alias.isEmpty() ? "" : alias + ".";
    }
}
