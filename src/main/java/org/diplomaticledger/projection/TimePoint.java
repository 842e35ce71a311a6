package org.diplomaticledger.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The point a read describes: the world on {@code asOf} (effective time) as the ledger had recorded it by
 * {@code knownAt} (recorded time). The rows of a projection valid there are those with
 * {@code valid_from <= asOf < valid_to} and {@code recorded_from <= knownAt < recorded_to} (an absent end is open).
 */
public record TimePoint(LocalDate asOf, Instant knownAt) {

    public static final String AS_OF_HEADER = "X-Ledger-As-Of";
    public static final String KNOWN_AT_HEADER = "X-Ledger-Known-At";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    public TimePoint {
        knownAt = knownAt.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The condition selecting the row versions valid at this point, for a table or alias ({@code null}: none),
     * including its slot's parameter: {@code slot = ? AND valid_from <= DATE '…' AND …}. The point is written as
     * literals (it is a date and an instant the ledger formatted itself), so a query keeps its parameters.
     */
    public String rows(String alias, boolean withSlot) {
        return rowsAt(alias, withSlot, true);
    }

    /** The recorded-time half of {@link #rows}: the versions the ledger believed at {@code knownAt}, on every day. */
    public String known(String alias) {
        return rowsAt(alias, false, false);
    }

    private String rowsAt(String alias, boolean withSlot, boolean onAsOf) {
        String p = alias == null || alias.isEmpty() ? "" : alias + ".";
        String day = "DATE '" + asOf + "'";
        String instant = "TIMESTAMP WITH TIME ZONE '" + TIMESTAMP.format(knownAt) + "+00:00'";
        return (withSlot ? p + "slot = ? AND " : "")
                + (onAsOf ? p + "valid_from <= " + day + " AND (" + p + "valid_to IS NULL OR " + p + "valid_to > " + day + ") AND " : "")
                + p + "recorded_from <= " + instant + " AND (" + p + "recorded_to IS NULL OR " + p + "recorded_to > " + instant + ")";
    }
}
