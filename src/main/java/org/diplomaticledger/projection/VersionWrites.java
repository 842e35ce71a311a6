package org.diplomaticledger.projection;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The version writes of a {@link TemporalProjector}, held until {@link #flush()} and then sent as JDBC batches, one
 * per statement. A version inserted and then ended (in effective time) or closed (in recorded time) before a flush is
 * inserted once, already ended or closed, or not at all if it was closed at the instant it was recorded; so a
 * rebuild, which flushes once per transaction, writes each version once and never updates it.
 *
 * <p>Spring's {@code JdbcTemplate.batchUpdate} sends the batches; what it does not do, and this class does, is
 * fold a write into an earlier one of the same window.
 *
 * <p>In a table that keeps {@code reach} ({@link VersionedTable#reach}), each version inserted gets an upper bound of
 * the {@code valid_from} of every version of its key recorded at or before its own {@code recorded_from}: so the
 * last version recorded by an instant bounds, in one index probe, the effective days the ledger knew anything of
 * for that key then ({@link TimePoint#version}). The bound is kept by one probe per key and flush (the key's last
 * recorded version); a version recorded before one already stored (event timestamps of concurrent writers need not
 * follow the ledger's order) raises the later ones' reach. A version deleted later leaves the bound higher than it
 * need be, which costs a read a few rows, never a wrong answer; for that reason a rebuild compares slots without it.
 */
final class VersionWrites {

    private final JdbcTemplate jdbc;
    /**
     * UPDATE and DELETE statements on versions already in the database, in the order they were asked for, as runs of
     * the same SQL (each run one batch): a later statement may find its row by what an earlier one set (a version
     * ended in place, then closed by a late fact's refold), so they cannot be grouped by SQL across each other.
     */
    private final List<Run> statements = new ArrayList<>();

    private record Run(String sql, List<Object[]> args) {}
    /** Versions to insert that are still current, by identity: one at most per identity. */
    private final Map<Identity, Pending> current = new LinkedHashMap<>();
    /** Versions to insert that were closed before the flush. */
    private final List<Pending> closed = new ArrayList<>();
    /** Each partition's progress to store, by projection slot and partition. */
    private final Map<List<String>, Object[]> progress = new LinkedHashMap<>();

    private final Map<List<String>, Boolean> progressIsNew = new LinkedHashMap<>();

    VersionWrites(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Identity(String table, String slot, List<Object> key, LocalDate validFrom, LocalDate validTo) {}

    private static final class Pending {
        final VersionLayout layout;
        final String slot;
        final List<Object> row;
        final LocalDate validFrom;
        final Instant recordedFrom;
        LocalDate validTo;
        /** The version's reach, in a table that keeps it, worked out at the flush. */
        LocalDate reach;
        /** Since when {@code validTo} is known, when later than {@code recordedFrom} (see {@link #end}). */
        Instant validToRecorded;

        Instant recordedTo;

        Pending(
                VersionLayout layout,
                String slot,
                List<Object> row,
                LocalDate validFrom,
                LocalDate validTo,
                Instant recordedFrom) {
            this.layout = layout;
            this.slot = slot;
            this.row = row;
            this.validFrom = validFrom;
            this.validTo = validTo;
            this.recordedFrom = recordedFrom;
        }
    }

    boolean isEmpty() {
        return statements.isEmpty() && current.isEmpty() && closed.isEmpty() && progress.isEmpty();
    }

    /** A current version stops being believed at {@code recorded}, or goes if it was recorded at that instant. */
    void close(
            VersionLayout layout,
            String slot,
            List<Object> key,
            LocalDate validFrom,
            LocalDate validTo,
            Instant recordedFrom,
            Instant recorded) {
        Pending pending = current.remove(new Identity(layout.table, slot, key, validFrom, validTo));
        if (pending != null) {
            if (!pending.recordedFrom.equals(recorded)) {
                pending.recordedTo = recorded;
                closed.add(pending);
            }
            return;
        }
        Object[] where = layout.versionWhere(key, validFrom, validTo);
        String sql = validTo == null ? layout.openVersionSql : layout.closedVersionSql;
        if (recordedFrom.equals(recorded)) {
            add("DELETE FROM " + layout.table + " WHERE " + sql, slot, null, where);
        } else {
            add("UPDATE " + layout.table + " SET recorded_to = ? WHERE " + sql, slot, at(recorded), where);
        }
    }

    /**
     * An open version ends in effective time on {@code validTo}, learnt at {@code recorded}: one version says both
     * beliefs, open from {@code recordedFrom} and ended from {@code recorded} ({@code valid_to_recorded}), instead of
     * the open one closed in recorded time beside a copy that ends. A version ended at the instant it was recorded
     * was never believed open: its end is known from its start.
     */
    void end(
            VersionLayout layout,
            String slot,
            List<Object> key,
            LocalDate validFrom,
            Instant recordedFrom,
            LocalDate validTo,
            Instant recorded) {
        Instant known = recordedFrom.equals(recorded) ? null : recorded;
        Pending pending = current.remove(new Identity(layout.table, slot, key, validFrom, null));
        if (pending != null) {
            pending.validTo = validTo;
            pending.validToRecorded = known;
            current.put(new Identity(layout.table, slot, key, validFrom, validTo), pending);
            return;
        }
        add(
                layout.endSql,
                new Object[] {Date.valueOf(validTo), known == null ? null : at(known)},
                slot,
                layout.versionWhere(key, validFrom, null));
    }

    private void add(String sql, String slot, Object first, Object[] where) {
        add(sql, first == null ? new Object[0] : new Object[] {first}, slot, where);
    }

    private void add(String sql, Object[] set, String slot, Object[] where) {
        Object[] args = new Object[set.length + 1 + where.length];
        System.arraycopy(set, 0, args, 0, set.length);
        args[set.length] = slot;
        System.arraycopy(where, 0, args, set.length + 1, where.length);
        Run last = statements.isEmpty() ? null : statements.get(statements.size() - 1);
        if (last == null || !last.sql.equals(sql)) {
            last = new Run(sql, new ArrayList<>());
            statements.add(last);
        }
        last.args.add(args);
    }

    /** A new current version. */
    void insert(
            VersionLayout layout,
            String slot,
            List<Object> key,
            List<Object> row,
            LocalDate validFrom,
            LocalDate validTo,
            Instant recorded) {
        Pending previous = current.put(
                new Identity(layout.table, slot, key, validFrom, validTo),
                new Pending(layout, slot, row, validFrom, validTo, recorded));
        if (previous != null) {
            throw new IllegalStateException(
                    "two current versions of " + layout.table + " " + key + " from " + validFrom);
        }
    }

    /** What the partition's rows have folded: until which effective day, and up to which event of its aggregate. */
    void progress(
            String projection, String slot, String partition, LocalDate foldedUntil, long sequence, boolean isNew) {
        List<String> id = List.of(projection, slot, partition);
        progress.put(id, new Object[] {Date.valueOf(foldedUntil), sequence});
        progressIsNew.putIfAbsent(id, isNew);
    }

    /** Sends every write held, in batches: updates and deletes first, then inserts, then progress. */
    void flush() {
        if (isEmpty()) {
            return;
        }
        statements.forEach(run -> jdbc.batchUpdate(run.sql, run.args));
        Map<VersionLayout, List<Pending>> inserts = new LinkedHashMap<>();
        closed.forEach(pending -> inserts.computeIfAbsent(pending.layout, layout -> new ArrayList<>())
                .add(pending));
        current.values()
                .forEach(pending -> inserts.computeIfAbsent(pending.layout, layout -> new ArrayList<>())
                        .add(pending));
        inserts.forEach((layout, pendings) -> {
            List<Object[]> raises = layout.reach ? reach(layout, pendings) : List.of();
            jdbc.batchUpdate(
                    layout.insertSql, pendings.stream().map(VersionWrites::args).toList());
            if (!raises.isEmpty()) {
                jdbc.batchUpdate(layout.reachRaiseSql, raises);
            }
        });
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> added = new ArrayList<>();
        progress.forEach((id, values) -> {
            if (progressIsNew.get(id)) {
                added.add(new Object[] {id.get(0), id.get(1), id.get(2), values[0], values[1]});
            } else {
                updates.add(new Object[] {values[0], values[1], id.get(0), id.get(1), id.get(2)});
            }
        });
        if (!added.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO projection_partition (projection, slot, partition_id, folded_until, last_sequence) "
                            + "VALUES (?, ?, ?, ?, ?)",
                    added);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate(
                    "UPDATE projection_partition SET folded_until = ?, last_sequence = ? WHERE projection = ? "
                            + "AND slot = ? AND partition_id = ?",
                    updates);
        }
        clear();
    }

    /**
     * Sets the reach of a table's versions to insert, in recorded order per key from the key's last stored version,
     * the same for versions recorded at the same instant; answers the raises of stored versions recorded at or after
     * one of them (arguments of {@link VersionLayout#reachRaiseSql}).
     */
    private List<Object[]> reach(VersionLayout layout, List<Pending> pendings) {
        pendings.sort(java.util.Comparator.comparing(
                pending -> pending.recordedFrom)); // stable: keeps their order per instant
        Map<List<Object>, List<Pending>> byKey = new LinkedHashMap<>();
        for (Pending pending : pendings) {
            List<Object> id = new ArrayList<>(layout.key(pending.row));
            id.add(0, pending.slot);
            byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(pending);
        }
        List<Object[]> raises = new ArrayList<>();
        byKey.forEach((id, versions) -> {
            String slot = (String) id.get(0);
            List<Object> key = id.subList(1, id.size());
            Object[] where = new Object[key.size() + 1];
            where[0] = slot;
            for (int i = 0; i < key.size(); i++) {
                where[i + 1] = Row.jdbc(key.get(i));
            }
            List<Object[]> last = jdbc.query(
                    layout.reachProbeSql,
                    (rs, i) -> new Object[] {
                        rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, LocalDate.class)
                    },
                    where);
            Instant storedUntil = last.isEmpty() ? null : (Instant) last.get(0)[0];
            LocalDate reach = last.isEmpty() ? null : (LocalDate) last.get(0)[1];
            for (int from = 0; from < versions.size(); ) {
                int to = from;
                LocalDate run = reach;
                while (to < versions.size() && versions.get(to).recordedFrom.equals(versions.get(from).recordedFrom)) {
                    LocalDate validFrom = versions.get(to).validFrom;
                    run = run == null || validFrom.isAfter(run) ? validFrom : run;
                    to++;
                }
                for (int i = from; i < to; i++) {
                    Pending version = versions.get(i);
                    version.reach = run;
                    if (storedUntil != null && !version.recordedFrom.isAfter(storedUntil)) {
                        Object[] raise = new Object[where.length + 3];
                        raise[0] = Date.valueOf(version.validFrom);
                        System.arraycopy(where, 0, raise, 1, where.length);
                        raise[where.length + 1] = at(version.recordedFrom);
                        raise[where.length + 2] = Date.valueOf(version.validFrom);
                        raises.add(raise);
                    }
                }
                reach = run;
                from = to;
            }
        });
        return raises;
    }

    /** Drops every write held. */
    void clear() {
        statements.clear();
        current.clear();
        closed.clear();
        progress.clear();
        progressIsNew.clear();
    }

    private static Object[] args(Pending pending) {
        List<Object> row = pending.row;
        Object[] args = new Object[row.size() + (pending.layout.reach ? 7 : 6)];
        args[0] = pending.slot;
        for (int i = 0; i < row.size(); i++) {
            args[i + 1] = Row.jdbc(row.get(i));
        }
        args[row.size() + 1] = Date.valueOf(pending.validFrom);
        args[row.size() + 2] = pending.validTo == null ? null : Date.valueOf(pending.validTo);
        args[row.size() + 3] = pending.validToRecorded == null ? null : at(pending.validToRecorded);
        args[row.size() + 4] = at(pending.recordedFrom);
        args[row.size() + 5] = pending.recordedTo == null ? null : at(pending.recordedTo);
        if (pending.layout.reach) {
            args[row.size() + 6] = Date.valueOf(pending.reach);
        }
        return args;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
