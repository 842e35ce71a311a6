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
 */
public record VersionedTable(String name, String partitionColumn, boolean partitionPrefix, List<String> key) {

    public VersionedTable {
        key = List.copyOf(key);
    }

    /** A table whose partition column holds the aggregate id itself. */
    public static VersionedTable of(String name, String partitionColumn, String... key) {
        return new VersionedTable(name, partitionColumn, false, List.of(key));
    }

    /** A table whose partition column starts with the aggregate id and a dash. */
    public static VersionedTable byPrefix(String name, String partitionColumn, String... key) {
        return new VersionedTable(name, partitionColumn, true, List.of(key));
    }
}
