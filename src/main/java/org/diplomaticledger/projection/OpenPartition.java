package org.diplomaticledger.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A partition's open versions (its head rows: the state after every event folded) by table and key, what it folded
 * until and the last event it applied, as a {@link TemporalProjector} keeps them between the partition's events.
 */
final class OpenPartition {
    final Map<String, Map<List<Object>, Version>> open = new HashMap<>();
    LocalDate foldedUntil;
    long sequence = -1;
    int switches;
    boolean stored;
    /** The transaction that last changed it: within that transaction it needs no check against the database. */
    Object transaction;
    /*
     * Table, then column, then value: the open versions holding that value there, by key; made at the first
     * Rows#find of the column and kept up to date by put and remove, so that a handler finds a row by a column other
     * than its key without looking through every row of the partition (a mission's tenures of one person).
     */
    private final Map<String, Map<String, Map<Object, Map<List<Object>, Version>>>> lookups = new HashMap<>();

    /** Opens a version of the key (replacing the one it had). */
    void put(String table, List<Object> key, Version version) {
        Version previous = open.get(table).put(key, version);
        Map<String, Map<Object, Map<List<Object>, Version>>> columns = lookups.get(table);
        if (columns != null) {
            columns.forEach((column, byValue) -> {
                if (previous != null) {
                    unindex(byValue, previous.toRow().get(column), key);
                }
                byValue.computeIfAbsent(version.toRow().get(column), v -> new HashMap<>())
                        .put(key, version);
            });
        }
    }

    /** The key has no open version any more. */
    void remove(String table, List<Object> key) {
        Version previous = open.get(table).remove(key);
        Map<String, Map<Object, Map<List<Object>, Version>>> columns = lookups.get(table);
        if (columns != null && previous != null) {
            columns.forEach(
                    (column, byValue) -> unindex(byValue, previous.toRow().get(column), key));
        }
    }

    private static void unindex(Map<Object, Map<List<Object>, Version>> byValue, Object value, List<Object> key) {
        Map<List<Object>, Version> keys = byValue.get(value);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                byValue.remove(value);
            }
        }
    }

    /** The open versions of the table whose column holds the value (a canonical one, as rows hold). */
    Collection<Version> find(String table, String column, Object value) {
        Map<Object, Map<List<Object>, Version>> byValue = lookups.computeIfAbsent(table, t -> new HashMap<>())
                .computeIfAbsent(column, c -> {
                    Map<Object, Map<List<Object>, Version>> index = new HashMap<>();
                    open.get(table)
                            .forEach((key, version) -> index.computeIfAbsent(
                                            version.toRow().get(c), v -> new HashMap<>())
                                    .put(key, version));
                    return index;
                });
        Map<List<Object>, Version> found = byValue.get(value);
        return found == null ? List.of() : found.values();
    }

    /** The partition's open versions as the rows the handler reads, with its changes on top. */
    static final class Rows extends Head.State {
        private final OpenPartition partition;

        Rows(OpenPartition partition) {
            this.partition = partition;
        }

        @Override
        Row base(VersionLayout layout, List<Object> key) {
            Version version = partition.open.get(layout.table).get(key);
            return version == null ? null : version.toRow();
        }

        @Override
        Collection<Row> base(VersionLayout layout) {
            List<Row> all = new ArrayList<>();
            partition.open.get(layout.table).values().forEach(version -> all.add(version.toRow()));
            return all;
        }

        @Override
        Collection<Row> base(VersionLayout layout, String column, Object value) {
            List<Row> found = new ArrayList<>();
            partition.find(layout.table, column, value).forEach(version -> found.add(version.toRow()));
            return found;
        }
    }
}
