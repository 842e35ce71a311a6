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
    public String slotCode() {
        return slot.code();
    }

    /** The day the answer describes. */
    public LocalDate asOf() {
        return point.asOf();
    }

    /**
     * The condition selecting the table's (or alias's) rows of the slot valid at the point, with the slot and the
     * point bound ({@link TimePoint#rows}).
     */
    public Sql rows(String alias) {
        return point.rows(alias, slot.code());
    }

    /** {@link #rows(String)} for a query over one table without alias. */
    public Sql rows() {
        return rows(null);
    }

    /**
     * The versions the ledger believed at the point's {@code knownAt}, whatever days they are valid on (no slot
     * condition): for trends, which read each day of a span from the versions valid on it.
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
     * ({@link TimePoint#version}), with its parameters ({@link KeyVersion#args}).
     */
    public KeyVersion version(String table, String... key) {
        return point.version(table, List.of(key)).inSlot(slot.code());
    }

    /** {@link #version(String, String...)} answering {@code columns}: {@link TimePoint#version(String, List, String)}. */
    public KeyVersion versionOf(String table, String columns, String... key) {
        return point.version(table, List.of(key), columns).inSlot(slot.code());
    }

    /** The validity condition alone (no slot condition), for a joined table whose slot is bound otherwise. */
    public Sql valid(String alias) {
        return point.valid(alias);
    }
}
