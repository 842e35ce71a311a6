package org.diplomaticledger.projection;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A partition's current versions (those still believed, {@code recorded_to IS NULL}) over effective time, by table and
 * key, each key's in the order of their {@code valid_from} (a key's current versions never overlap). A late fact
 * asks which versions are valid on a day and which overlap the days it refolds: against the database each such
 * question read every current version after that day (a back-fill of n facts in no particular order read about n²/4
 * versions), against this it is a look-up. {@link TemporalProjector} keeps one per partition it refolded lately,
 * changes it with every version it writes, and trusts it as it trusts its open versions: only while nothing else can
 * have changed the partition (the same sequence number and slot).
 */
final class Timeline {

    private final Map<String, Map<List<Object>, NavigableMap<LocalDate, Version>>> tables = new HashMap<>();
    private int size;
    /** The last event of the partition it reflects, and the slot switches it was made at. */
    long sequence = -1;

    int switches;
    /** Until which effective day the partition has folded. */
    LocalDate foldedUntil;

    /** Reads every current version of the partition in the tables of a slot. */
    static Timeline load(JdbcTemplate jdbc, List<VersionLayout> layouts, String slot, String partition) {
        Timeline timeline = new Timeline();
        for (VersionLayout layout : layouts) {
            timeline.tables.put(layout.table, new HashMap<>());
            jdbc.query(
                    "SELECT " + layout.columnList + ", valid_from, valid_to, recorded_from FROM " + layout.table
                            + " WHERE slot = ? AND " + layout.partitionSql + " AND recorded_to IS NULL",
                    (RowCallbackHandler) rs -> timeline.put(Version.read(rs, layout)),
                    slot,
                    layout.partitionArg(partition));
        }
        return timeline;
    }

    int size() {
        return size;
    }

    /** The keys of a table that have a current version. */
    Set<List<Object>> keys(String table) {
        return tables.get(table).keySet();
    }

    /** The key's version valid on {@code day}, or null. */
    Version validOn(String table, List<Object> key, LocalDate day) {
        NavigableMap<LocalDate, Version> versions = tables.get(table).get(key);
        Map.Entry<LocalDate, Version> floor = versions == null ? null : versions.floorEntry(day);
        return floor != null && floor.getValue().validOn(day) ? floor.getValue() : null;
    }

    /** The key's versions valid on some day from {@code day} on and before {@code end} (null: open), in order. */
    List<Version> overlapping(String table, List<Object> key, LocalDate day, LocalDate end) {
        NavigableMap<LocalDate, Version> versions = tables.get(table).get(key);
        List<Version> overlapping = new ArrayList<>();
        if (versions == null) {
            return overlapping;
        }
        Map.Entry<LocalDate, Version> floor = versions.floorEntry(day);
        if (floor != null && floor.getValue().validOn(day)) {
            overlapping.add(floor.getValue());
        }
        overlapping.addAll(
                (end == null ? versions.tailMap(day, false) : versions.subMap(day, false, end, false)).values());
        return overlapping;
    }

    /** The open versions (no end in effective time) of a table, by key. */
    Map<List<Object>, Version> open(String table) {
        Map<List<Object>, Version> open = new HashMap<>();
        tables.get(table).forEach((key, versions) -> {
            Version last = versions.lastEntry().getValue();
            if (last.validTo() == null) {
                open.put(key, last);
            }
        });
        return open;
    }

    /** A new current version. */
    void put(Version version) {
        List<Object> key = version.layout().key(version.row());
        Version previous = tables.computeIfAbsent(version.layout().table, t -> new HashMap<>())
                .computeIfAbsent(key, k -> new TreeMap<>())
                .put(version.validFrom(), version);
        if (previous != null) {
            throw new IllegalStateException(
                    "two current versions of " + version.layout().table + " " + key + " from " + version.validFrom());
        }
        size++;
    }

    /** A version that stops being current (closed in recorded time), or is replaced by {@link #put}. */
    void remove(Version version) {
        List<Object> key = version.layout().key(version.row());
        Map<List<Object>, NavigableMap<LocalDate, Version>> byKey = tables.get(version.layout().table);
        NavigableMap<LocalDate, Version> versions = byKey == null ? null : byKey.get(key);
        if (versions != null && versions.remove(version.validFrom()) != null) {
            size--;
            if (versions.isEmpty()) {
                byKey.remove(key);
            }
        }
    }

    /**
     * The timelines of the partitions refolded lately, bounded by the versions they hold (least recently used
     * partitions go first). A timeline is taken out while its partition is handled and put back only once the event
     * succeeded, as the projector does with its open versions. A plain access-ordered LinkedHashMap: Axon's caches
     * hold aggregates, and a bound by entries would not bound the memory (one partition may hold most versions).
     */
    static final class Cache {
        private final int capacity;
        private final Map<String, Timeline> timelines = new java.util.LinkedHashMap<>(16, 0.75f, true);
        private int size;

        Cache(int capacity) {
            this.capacity = capacity;
        }

        /** The partition's timeline taken out of the cache, or null. */
        synchronized Timeline take(String partition) {
            Timeline timeline = timelines.remove(partition);
            if (timeline != null) {
                size -= timeline.size;
            }
            return timeline;
        }

        /** Whether the cache holds a timeline of the partition made at that sequence number and slot switches. */
        synchronized boolean holds(String partition, long sequence, int switches) {
            Timeline timeline = timelines.get(partition);
            return timeline != null && timeline.sequence == sequence && timeline.switches == switches;
        }

        synchronized void put(String partition, Timeline timeline) {
            if (timeline.size > capacity) {
                return;
            }
            Timeline previous = timelines.put(partition, timeline);
            size += timeline.size - (previous == null ? 0 : previous.size);
            java.util.Iterator<Timeline> eldest = timelines.values().iterator();
            while (size > capacity && eldest.hasNext()) {
                size -= eldest.next().size;
                eldest.remove();
            }
        }
    }
}
