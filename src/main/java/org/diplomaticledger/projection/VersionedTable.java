package org.diplomaticledger.projection;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A projection table as {@link TemporalProjector} versions it.
 *
 * @param name            the table
 * @param partitionColumn the column naming the partition (the aggregate) a row belongs to
 * @param partitionPrefix true when that column holds the aggregate id followed by {@code -} and more
 *                        ({@code RU-US-EMBASSY-WASHINGTON} belongs to {@code RU-US}); false when it is the id itself
 * @param key             the columns that name one row of the partition (without {@code slot}); a row's versions
 *                        share them
 * @param reach           true when the table keeps, on each version, a {@code reach} column: an upper bound of the
 *                        {@code valid_from} of every version of its key recorded by then (see {@link VersionWrites}),
 *                        so that a read of one key at a point ({@link TimePoint#version}) costs a few index probes,
 *                        not a scan of the key's history; for tables whose keys gather many versions
 * @param columns         the table's own columns, the ones a {@link Row} holds, in the order of its rows: every
 *                        column but {@code slot} and the version's ({@link #VERSION_COLUMNS}). Declared with the
 *                        projection ({@link #columns(String)}) and checked against the database at start-up
 *                        ({@link VersionLayout#check}), so a migration that drifts from it fails at once
 * @param fewKeys         true when a partition has few keys, each with many versions, and the table has no index on
 *                        the partition's current versions ({@code (slot, partition, recorded_to, valid_to)}): its open
 *                        versions are then found key by key, each key by one probe of its versions index
 *                        ({@code (slot, key…, valid_from DESC)}) after the keys are found in that index
 *                        ({@link IndexKeys}), instead of by reading every version of the partition. The key must begin
 *                        with the partition column, and its other columns hold text
 */
public record VersionedTable(
        String name,
        String partitionColumn,
        boolean partitionPrefix,
        List<String> key,
        boolean reach,
        List<String> columns,
        boolean fewKeys) {

    /** The columns every versioned table has besides its own (they are not part of a row); {@code reach} if it keeps it. */
    static final List<String> VERSION_COLUMNS =
            List.of("slot", "valid_from", "valid_to", "valid_to_recorded", "recorded_from", "recorded_to", "reach");

    public VersionedTable(
            String name,
            String partitionColumn,
            boolean partitionPrefix,
            List<String> key,
            boolean reach,
            List<String> columns) {
        this(name, partitionColumn, partitionPrefix, key, reach, columns, false);
    }

    public VersionedTable {
        key = List.copyOf(key);
        if (fewKeys && (partitionPrefix || key.size() < 2 || !key.get(0).equalsIgnoreCase(partitionColumn))) {
            throw new IllegalArgumentException(
                    "table " + name + ": open versions by key need a key that begins with the "
                            + "partition column and has more columns");
        }
        columns = List.copyOf(columns);
        if (!columns.isEmpty()) {
            Set<String> own = new HashSet<>(columns);
            if (own.size() != columns.size()) {
                throw new IllegalArgumentException("table " + name + " declares a column twice: " + columns);
            }
            for (String column : columns) {
                if (VERSION_COLUMNS.contains(column)) {
                    throw new IllegalArgumentException(
                            "table " + name + ": " + column + " is a version's column, not a row's");
                }
            }
            for (String column : key) {
                if (!own.contains(column.toLowerCase(Locale.ROOT))) {
                    throw new IllegalArgumentException(
                            "table " + name + " has no key column " + column + "; it has " + columns);
                }
            }
            if (!own.contains(partitionColumn.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("table " + name + " has no partition column " + partitionColumn);
            }
        }
    }

    /** This table, keeping each version's {@code reach} for point reads of one key. */
    public VersionedTable withReach() {
        return new VersionedTable(name, partitionColumn, partitionPrefix, key, true, columns, fewKeys);
    }

    /** This table, its open versions found key by key ({@link #fewKeys}). */
    public VersionedTable withFewKeys() {
        return new VersionedTable(name, partitionColumn, partitionPrefix, key, reach, columns, true);
    }

    /** This table with its own columns, as a comma-separated list ({@code "talks_id, state, head_name"}). */
    public VersionedTable columns(String list) {
        return new VersionedTable(
                name,
                partitionColumn,
                partitionPrefix,
                key,
                reach,
                Arrays.stream(list.split(","))
                        .map(column -> column.strip().toLowerCase(Locale.ROOT))
                        .toList(),
                fewKeys);
    }

    /** A table whose partition column holds the aggregate id itself. */
    public static VersionedTable of(String name, String partitionColumn, String... key) {
        return new VersionedTable(name, partitionColumn, false, List.of(key), false, List.of());
    }

    /** A table whose partition column starts with the aggregate id and a dash. */
    public static VersionedTable byPrefix(String name, String partitionColumn, String... key) {
        return new VersionedTable(name, partitionColumn, true, List.of(key), false, List.of());
    }
}
