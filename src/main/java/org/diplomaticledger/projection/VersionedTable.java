package org.diplomaticledger.projection;

import java.util.List;

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
 */
public record VersionedTable(String name, String partitionColumn, boolean partitionPrefix, List<String> key, boolean reach) {

    public VersionedTable {
        key = List.copyOf(key);
    }

    /** This table, keeping each version's {@code reach} for point reads of one key. */
    public VersionedTable withReach() {
        return new VersionedTable(name, partitionColumn, partitionPrefix, key, true);
    }

    /** A table whose partition column holds the aggregate id itself. */
    public static VersionedTable of(String name, String partitionColumn, String... key) {
        return new VersionedTable(name, partitionColumn, false, List.of(key), false);
    }

    /** A table whose partition column starts with the aggregate id and a dash. */
    public static VersionedTable byPrefix(String name, String partitionColumn, String... key) {
        return new VersionedTable(name, partitionColumn, true, List.of(key), false);
    }
}
