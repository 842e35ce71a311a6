package org.diplomaticledger.projection;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    /** A day's placeholder, typed for PostgreSQL (which would not infer it inside every expression); bind a {@link Date}. */
    private static final String DAY = "CAST(? AS DATE)";
    /** An instant's placeholder, typed likewise; bind an {@link OffsetDateTime} at UTC. */
    private static final String INSTANT = "CAST(? AS TIMESTAMP WITH TIME ZONE)";

    public TimePoint {
        knownAt = knownAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** A point at a {@code knownAt} the reader gave. */
    public TimePoint(LocalDate asOf, Instant knownAt) {
        this(asOf, knownAt, false);
    }

    /**
     * The condition selecting the row versions of a slot valid at this point, for a table or alias ({@code null}:
     * none): {@code slot = ? AND valid_from <= CAST(? AS DATE) AND …}, with the slot and the point bound as
     * parameters. The text is the same for every point (and slot), so the database parses and plans a read once,
     * whatever the day and instant it asks about; with the point written as literals, every read at a new point was a
     * new statement to parse and plan.
     */
    public Sql rows(String alias, String slot) {
        return Sql.of(prefix(alias) + "slot = ? AND ", slot).add(valid(alias));
    }

    /** The condition of {@link #rows} without the slot's, for a joined table whose slot is bound otherwise. */
    public Sql valid(String alias) {
        return rowsAt(alias, true);
    }

    /** The recorded-time half of {@link #rows}: the versions the ledger believed at {@code knownAt}, on every day. */
    public Sql known(String alias) {
        return rowsAt(alias, false);
    }

    /**
     * The version's end in effective time as the ledger knew it at {@code knownAt} (null: open), as an SQL expression
     * for a table or alias ({@code null}: none); for reads that take the versions' spans, such as trends.
     */
    public Sql validTo(String alias) {
        String p = prefix(alias);
        if (latest) {
            return Sql.of(p + "valid_to");
        }
        return Sql.of(
                "(CASE WHEN " + p + "valid_to_recorded > " + INSTANT + " THEN NULL ELSE " + p + "valid_to END)",
                instant());
    }

    /**
     * The condition that the version, as known at {@code knownAt}, is still valid after {@code day}: its end is
     * absent, later, or not yet known then.
     */
    public Sql validAfter(String alias, LocalDate day) {
        String p = prefix(alias);
        Date after = Date.valueOf(day);
        if (latest) {
            return Sql.of("(" + p + "valid_to IS NULL OR " + p + "valid_to > " + DAY + ")", after);
        }
        return Sql.of(
                "(" + p + "valid_to IS NULL OR " + p + "valid_to > " + DAY + " OR " + p + "valid_to_recorded > "
                        + INSTANT + ")",
                after,
                instant());
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
     * <p>The point is bound as parameters, as in {@link #rows}: the text of the query is the
     * same for every point, so the database parses it once (these queries are joined with {@code UNION ALL} by the
     * dozen, and a new text per read filled the statement caches of the connections: out of memory at 512 MB).
     * The query's text and its parameters are built together ({@link KeyVersion#args}). The queries of several keys
     * can be joined with {@code UNION ALL}.
     */
    public KeyVersion version(String table, List<String> key) {
        return version(table, key, Sql.of("v.*"));
    }

    /**
     * {@link #version(String, List)} answering {@code columns} of the version, alias {@code v}, with their values (with columns worked out
     * from it, such as a correlated subquery: inside each query of a {@code UNION ALL} rather than over the union,
     * which H2 plans again for every condition of an outer query).
     */
    public KeyVersion version(String table, List<String> key, Sql columns) {
        KeyVersion.Text q = new KeyVersion.Text(key.size());
        String keyOrder = "slot, " + String.join(", ", key);
        Date day = Date.valueOf(asOf);
        // No derived table: H2 parses one again for every plan it weighs, which cost more than the read. The outer
        // query finds the version by its key and valid_from; its recorded-time condition is written as a CASE so that
        // H2 cannot take it for an index range (it chose the (…, recorded_to, …) or (…, recorded_from DESC, …) index
        // over the valid_from the subquery gives, and read every version of the key again).
        q.add("SELECT ")
                .add(columns)
                .add(" FROM " + table + " v WHERE ")
                .key("v.", key)
                .add(" AND v.valid_from = (SELECT valid_from FROM " + table + " WHERE ")
                .key("", key)
                .add(" AND valid_from <= ");
        if (latest) {
            return q.add("CAST(")
                    .param(day)
                    .add(" AS DATE) AND recorded_to IS NULL ORDER BY " + keyOrder
                            + ", valid_from DESC FETCH FIRST ROW ONLY) AND CASE WHEN v.recorded_to IS NULL THEN 1 ELSE 0 END = 1 "
                            + "AND (v.valid_to IS NULL OR v.valid_to > CAST(")
                    .param(day)
                    .add(" AS DATE))")
                    .build();
        }
        OffsetDateTime instant = knownAt.atOffset(ZoneOffset.UTC);
        String at = " AS TIMESTAMP WITH TIME ZONE)";
        return q.add("LEAST(CAST(")
                .param(day)
                .add(" AS DATE), (SELECT reach FROM " + table + " WHERE ")
                .key("", key)
                .add(" AND recorded_from <= CAST(")
                .param(instant)
                .add(at + " ORDER BY " + keyOrder
                        + ", recorded_from DESC, reach DESC FETCH FIRST ROW ONLY)) AND recorded_from <= CAST(")
                .param(instant)
                .add(at + " AND (recorded_to IS NULL OR recorded_to > CAST(")
                .param(instant)
                .add(at + ") ORDER BY " + keyOrder
                        + ", valid_from DESC FETCH FIRST ROW ONLY) AND CASE WHEN v.recorded_from <= CAST(")
                .param(instant)
                .add(at + " AND (v.recorded_to IS NULL OR v.recorded_to > CAST(")
                .param(instant)
                .add(at + ") THEN 1 ELSE 0 END = 1 " + "AND (v.valid_to IS NULL OR v.valid_to > CAST(")
                .param(day)
                .add(" AS DATE) OR v.valid_to_recorded > CAST(")
                .param(instant)
                .add(at + ")")
                .build();
    }

    /** The versions valid at this point ({@code onAsOf}), or those believed at {@code knownAt} on any day. */
    private Sql rowsAt(String alias, boolean onAsOf) {
        String p = prefix(alias);
        Date day = Date.valueOf(asOf);
        Sql sql = onAsOf
                ? Sql.of(
                        p + "valid_from <= " + DAY + " AND (" + p + "valid_to IS NULL OR " + p + "valid_to > " + DAY,
                        day,
                        day)
                : Sql.of("");
        if (latest) {
            return sql.add(onAsOf ? ") AND " : "").add(p + "recorded_to IS NULL");
        }
        OffsetDateTime instant = instant();
        if (onAsOf) {
            sql.add(" OR " + p + "valid_to_recorded > " + INSTANT + ") AND ", instant);
        }
        return sql.add(
                p + "recorded_from <= " + INSTANT + " AND (" + p + "recorded_to IS NULL OR " + p + "recorded_to > "
                        + INSTANT + ")",
                instant,
                instant);
    }

    private static String prefix(String alias) {
        return alias == null || alias.isEmpty() ? "" : alias + ".";
    }

    /** {@code knownAt} as a parameter: at UTC, bound as a TIMESTAMP WITH TIME ZONE ({@link #INSTANT}). */
    private OffsetDateTime instant() {
        return knownAt.atOffset(ZoneOffset.UTC);
    }
}
