package org.diplomaticledger.projection;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A versioned table's columns and the SQL {@link TemporalProjector} needs for its versions, worked out once. */
final class VersionLayout {
    final String table;
    final List<String> columns;
    final String columnList;
    final int[] keyIndexes;
    final boolean prefix;
    final String partitionSql;
    final String keySql;
    final String openVersionSql;
    final String closedVersionSql;
    final String insertSql;
    /**
     * The partition's open versions (parameters: slot, partition), each with its valid_from, valid_to and
     * recorded_from; rows with a {@code valid_to} are not open and are to be skipped (see {@link #oneKeyPartition}).
     */
    final String openSql;
    /**
     * Whether the partition is the key (one row per partition, as a presence): its open version is then the latest of
     * the key's current versions, which do not overlap in effective time, and is found as the first entry of the
     * index on {@code (slot, key, valid_from DESC)} that is current, with no index on {@code recorded_to}.
     */
    final boolean oneKeyPartition;
    /** Ends an open version in effective time: its {@code valid_to}, and since when that end is known. */
    final String endSql;
    /** Whether the table keeps each version's {@code reach} ({@link VersionedTable#reach}). */
    final boolean reach;
    /** The key's last recorded version's {@code recorded_from} and {@code reach}; parameters: slot, key. */
    final String reachProbeSql;
    /** Raises the reach of the key's versions recorded from an instant on; parameters: reach, slot, key, instant, reach. */
    final String reachRaiseSql;
    /**
     * For a table with {@link VersionedTable#fewKeys}: the keys of a partition in the versions index (parameters: slot,
     * partition), and the latest current version of one key (parameters: slot, key), which is its open version if it
     * has one (a key's current versions do not overlap in effective time); else null.
     */
    final IndexKeys partitionKeys;

    final String latestCurrentSql;
    private final java.util.Map<String, Integer> indexes = new java.util.HashMap<>();

    VersionLayout(VersionedTable table) {
        List<String> columns = table.columns();
        if (columns.isEmpty()) {
            throw new IllegalStateException(
                    "table " + table.name() + " declares no columns: VersionedTable.columns(...)");
        }
        this.table = table.name();
        this.columns = List.copyOf(columns);
        this.columnList = String.join(", ", columns);
        for (int i = 0; i < this.columns.size(); i++) {
            indexes.put(this.columns.get(i), i);
        }
        this.keyIndexes = table.key().stream()
                .mapToInt(column -> {
                    int index = columns.indexOf(column.toLowerCase(Locale.ROOT));
                    if (index < 0) {
                        throw new IllegalStateException("table " + table.name() + " has no key column " + column);
                    }
                    return index;
                })
                .toArray();
        this.prefix = table.partitionPrefix();
        this.partitionSql = table.partitionColumn() + (prefix ? " LIKE ?" : " = ?");
        this.keySql = String.join(
                " AND ", table.key().stream().map(column -> column + " = ?").toList());
        this.openVersionSql =
                "slot = ? AND " + keySql + " AND valid_from = ? AND recorded_to IS NULL AND valid_to IS NULL";
        this.closedVersionSql =
                "slot = ? AND " + keySql + " AND valid_from = ? AND recorded_to IS NULL AND valid_to = ?";
        this.reach = table.reach();
        this.oneKeyPartition = !prefix && table.key().equals(List.of(table.partitionColumn()));
        String read = "SELECT " + columnList + ", valid_from, valid_to, recorded_from FROM " + table.name()
                + " WHERE slot = ? AND " + partitionSql + " AND recorded_to IS NULL";
        this.openSql = oneKeyPartition
                ? read + " ORDER BY slot, " + table.partitionColumn() + ", valid_from DESC FETCH FIRST ROW ONLY"
                : read + " AND valid_to IS NULL";
        this.partitionKeys = table.fewKeys()
                ? new IndexKeys(
                        table.name(),
                        List.of("slot", table.partitionColumn()),
                        table.key().subList(1, table.key().size()))
                : null;
        this.latestCurrentSql = table.fewKeys()
                ? "SELECT " + columnList + ", valid_from, valid_to, recorded_from FROM "
                        + table.name() + " WHERE slot = ? AND " + keySql + " AND recorded_to IS NULL ORDER BY slot, "
                        + String.join(", ", table.key()) + ", valid_from DESC FETCH FIRST ROW ONLY"
                : null;
        this.insertSql = "INSERT INTO " + table.name() + " (slot, " + columnList
                + ", valid_from, valid_to, valid_to_recorded, recorded_from, recorded_to" + (reach ? ", reach" : "")
                + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size() + (reach ? 7 : 6), "?")) + ")";
        String keyOrder = String.join(", ", table.key());
        this.reachProbeSql = "SELECT recorded_from, reach FROM " + table.name() + " WHERE slot = ? AND " + keySql
                + " ORDER BY slot, " + keyOrder + ", recorded_from DESC, reach DESC FETCH FIRST ROW ONLY";
        this.reachRaiseSql = "UPDATE " + table.name() + " SET reach = ? WHERE slot = ? AND " + keySql
                + " AND recorded_from >= ? AND reach < ?";
        this.endSql = "UPDATE " + table.name() + " SET valid_to = ?, valid_to_recorded = ? WHERE " + openVersionSql;
    }

    /**
     * Checks that the database's table has the declared columns: its own ({@link VersionedTable#columns}), {@code slot}
     * and the version's, with {@code reach} if the table keeps it, and no other; else an error naming what differs. The
     * columns are those of what a query of the table's name reads, on the connection's search path.
     */
    static void check(org.springframework.jdbc.core.JdbcTemplate jdbc, VersionedTable table) {
        Set<String> found = new LinkedHashSet<>(jdbc.query("SELECT * FROM " + table.name() + " WHERE 1 = 0", rs -> {
            java.sql.ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
            }
            return columns;
        }));
        Set<String> declared = new LinkedHashSet<>(table.columns());
        VersionedTable.VERSION_COLUMNS.stream()
                .filter(column -> table.reach() || !column.equals("reach"))
                .forEach(declared::add);
        if (!found.equals(declared)) {
            Set<String> undeclared = new LinkedHashSet<>(found);
            undeclared.removeAll(declared);
            Set<String> missing = new LinkedHashSet<>(declared);
            missing.removeAll(found);
            throw new IllegalStateException(
                    "table " + table.name() + " does not have the columns its projection declares: "
                            + (missing.isEmpty() ? "" : "missing " + missing + (undeclared.isEmpty() ? "" : ", "))
                            + (undeclared.isEmpty() ? "" : "not declared " + undeclared)
                            + ". A migration and the projection's VersionedTable.columns(...) must change together.");
        }
    }

    /** The position of a column in a row. */
    int index(String column) {
        Integer index = indexes.get(column);
        if (index == null) {
            throw new IllegalArgumentException("table " + table + " has no column " + column + "; it has " + columns);
        }
        return index;
    }

    Object partitionArg(String partition) {
        return prefix ? partition + "-%" : partition;
    }

    List<Object> key(List<Object> row) {
        List<Object> key = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            key.add(row.get(index));
        }
        return key;
    }

    Object[] versionWhere(List<Object> key, LocalDate validFrom, LocalDate validTo) {
        Object[] args = new Object[key.size() + (validTo == null ? 1 : 2)];
        for (int i = 0; i < key.size(); i++) {
            args[i] = Row.jdbc(key.get(i));
        }
        args[key.size()] = Date.valueOf(validFrom);
        if (validTo != null) {
            args[key.size() + 1] = Date.valueOf(validTo);
        }
        return args;
    }
}
