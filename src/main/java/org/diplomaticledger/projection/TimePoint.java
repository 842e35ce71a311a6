package org.diplomaticledger.projection;

import java.time.Instant;
import java.sql.Date;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The point a read describes: the world on {@code asOf} (effective time) as the ledger had recorded it by
 * {@code knownAt} (recorded time). The rows of a projection valid there are those with
 * {@code valid_from <= asOf < valid_to} and {@code recorded_from <= knownAt < recorded_to} (an absent end is open),
 * where a version's {@code valid_to} counts only from {@code valid_to_recorded} on, if that is set: before then the
 * ledger believed the version open ({@link TemporalProjector} ends an open version in place).
 *
 * <p>A point whose {@code knownAt} the reader did not give ({@code latest}) reads what the ledger believes now:
 * the versions still believed ({@code recorded_to IS NULL}) with their ends as stored. That is what the conditions
 * above select at the instant of the read, written without the instant, so the query's text is the same all day
 * and the database plans it once (with the instant in it, every read was a new statement to parse and plan).
 */
public record TimePoint(LocalDate asOf, Instant knownAt, boolean latest) {

    public static final String AS_OF_HEADER = "X-Ledger-As-Of";
    public static final String KNOWN_AT_HEADER = "X-Ledger-Known-At";

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    public TimePoint {
        knownAt = knownAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** A point at a {@code knownAt} the reader gave. */
    public TimePoint(LocalDate asOf, Instant knownAt) {
        this(asOf, knownAt, false);
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

    /**
     * The version's end in effective time as the ledger knew it at {@code knownAt} (null: open), as an SQL expression
     * for a table or alias ({@code null}: none); for reads that take the versions' spans, such as trends.
     */
    public String validTo(String alias) {
        String p = prefix(alias);
        if (latest) {
            return p + "valid_to";
        }
        return "(CASE WHEN " + p + "valid_to_recorded > " + instant() + " THEN NULL ELSE " + p + "valid_to END)";
    }

    /**
     * The condition that the version, as known at {@code knownAt}, is still valid after a day given as the one
     * parameter it holds: its end is absent, later, or not yet known then.
     */
    public String validAfter(String alias) {
        String p = prefix(alias);
        if (latest) {
            return "(" + p + "valid_to IS NULL OR " + p + "valid_to > ?)";
        }
        return "(" + p + "valid_to IS NULL OR " + p + "valid_to > ? OR " + p + "valid_to_recorded > " + instant() + ")";
    }

    /**
     * A query of the one version of a key valid at this point (none if there is none), in a table that keeps
     * {@code reach} ({@link VersionedTable#reach}): the key's versions the ledger believed at {@code knownAt} do not
     * overlap in effective time, so the one valid on {@code asOf} is the latest of them starting on or before it, if it
     * has not ended by then. The query takes the key's versions from that day backwards, through the table's index
     * on {@code (slot, key…, valid_from DESC)}, and stops at the first one believed; at a {@code knownAt} the reader
     * gave, it starts no later than the reach of the last version recorded by then (index on
     * {@code (slot, key…, recorded_from DESC, reach DESC)}), so it does not pass the versions recorded after it. It
     * costs a few index probes, whatever the length of the key's history.
     *
     * <p>The point is bound as parameters, not written as literals as in {@link #rows}: the text of the query is the
     * same for every point, so the database parses it once (these queries are joined with {@code UNION ALL} by the
     * dozen, and a new text per read filled the statement caches of the connections: out of memory at 512 MB).
     * The query's text and its parameters are built together ({@link KeyVersion#args}). The queries of several keys
     * can be joined with {@code UNION ALL}.
     */
    public KeyVersion version(String table, List<String> key) {
        return version(table, key, "v.*");
    }

    /**
     * {@link #version(String, List)} answering {@code columns} of the version, alias {@code v} (with columns worked out
     * from it, such as a correlated subquery: inside each query of a {@code UNION ALL} rather than over the union,
     * which H2 plans again for every condition of an outer query).
     */
    public KeyVersion version(String table, List<String> key, String columns) {
        KeyVersion.Text q = new KeyVersion.Text(key.size());
        String keyOrder = "slot, " + String.join(", ", key);
        Date day = Date.valueOf(asOf);
        // No derived table: H2 parses one again for every plan it weighs, which cost more than the read. The outer
        // query finds the version by its key and valid_from; its recorded-time condition is written as a CASE so that
        // H2 cannot take it for an index range (it chose the (…, recorded_to, …) or (…, recorded_from DESC, …) index
        // over the valid_from the subquery gives, and read every version of the key again).
        q.add("SELECT " + columns + " FROM " + table + " v WHERE ").key("v.", key).add(" AND v.valid_from = (SELECT valid_from FROM "
                + table + " WHERE ").key("", key).add(" AND valid_from <= ");
        if (latest) {
            return q.add("CAST(").param(day).add(" AS DATE) AND recorded_to IS NULL ORDER BY " + keyOrder
                    + ", valid_from DESC FETCH FIRST ROW ONLY) AND CASE WHEN v.recorded_to IS NULL THEN 1 ELSE 0 END = 1 "
                    + "AND (v.valid_to IS NULL OR v.valid_to > CAST(").param(day).add(" AS DATE))").build();
        }
        OffsetDateTime instant = knownAt.atOffset(ZoneOffset.UTC);
        String at = " AS TIMESTAMP WITH TIME ZONE)";
        return q.add("LEAST(CAST(").param(day).add(" AS DATE), (SELECT reach FROM " + table + " WHERE ").key("", key)
                .add(" AND recorded_from <= CAST(").param(instant).add(at + " ORDER BY " + keyOrder
                        + ", recorded_from DESC, reach DESC FETCH FIRST ROW ONLY)) AND recorded_from <= CAST(").param(instant)
                .add(at + " AND (recorded_to IS NULL OR recorded_to > CAST(").param(instant).add(at + ") ORDER BY " + keyOrder
                        + ", valid_from DESC FETCH FIRST ROW ONLY) AND CASE WHEN v.recorded_from <= CAST(").param(instant)
                .add(at + " AND (v.recorded_to IS NULL OR v.recorded_to > CAST(").param(instant).add(at + ") THEN 1 ELSE 0 END = 1 "
                        + "AND (v.valid_to IS NULL OR v.valid_to > CAST(").param(day).add(" AS DATE) OR v.valid_to_recorded > CAST(")
                .param(instant).add(at + ")").build();
    }

    private String rowsAt(String alias, boolean withSlot, boolean onAsOf) {
        String p = prefix(alias);
        String day = "DATE '" + asOf + "'";
        if (latest) {
            return (withSlot ? p + "slot = ? AND " : "")
                    + (onAsOf ? p + "valid_from <= " + day + " AND (" + p + "valid_to IS NULL OR " + p + "valid_to > " + day + ") AND " : "")
                    + p + "recorded_to IS NULL";
        }
        String instant = instant();
        return (withSlot ? p + "slot = ? AND " : "")
                + (onAsOf ? p + "valid_from <= " + day + " AND (" + p + "valid_to IS NULL OR " + p + "valid_to > " + day
                + " OR " + p + "valid_to_recorded > " + instant + ") AND " : "")
                + p + "recorded_from <= " + instant + " AND (" + p + "recorded_to IS NULL OR " + p + "recorded_to > " + instant + ")";
    }

    private static String prefix(String alias) {
        return alias == null || alias.isEmpty() ? "" : alias + ".";
    }

    private String instant() {
        return "TIMESTAMP WITH TIME ZONE '" + TIMESTAMP.format(knownAt) + "+00:00'";
    }
}
