package org.diplomaticledger.projection;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.diplomaticledger.history.api.CorrectedHistory;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The out-of-order half of a {@link TemporalProjector}: a late fact (an event dated before what its partition has
 * folded), a correction or a retraction refolds the partition from the first day it changes. The rows valid the day
 * before are taken from the partition's current versions ({@link Timeline}), its events from that day on are read from
 * the event store (upcast, corrected) and folded again in memory in effective order, and only the keys whose timeline
 * differs get new versions; the old ones stop being believed at the trigger's recording.
 */
final class Refold {

    /** What the refold needs of its projector: where versions go and how the partition's progress is kept. */
    interface Versions {
        /** The writes of the transaction under way (held until it commits, or sent at once). */
        VersionWrites writes();

        /** The slot the versions are written in. */
        String slot();

        VersionLayout layout(VersionedTable table);

        /** Records until which effective day the partition has folded, and its last event. */
        void progress(String partition, LocalDate foldedUntil, long sequence, boolean insert);
    }

    private final Projection projection;
    private final Head rows;
    private final AnnotationEventHandlerAdapter handler;
    private final PartitionEvents history;
    private final ObjectMapper mapper;
    private final ProjectableDates dates;
    private final JdbcTemplate jdbc;
    private final Versions versions;

    Refold(
            Projection projection,
            Head rows,
            AnnotationEventHandlerAdapter handler,
            PartitionEvents history,
            ObjectMapper mapper,
            ProjectableDates dates,
            JdbcTemplate jdbc,
            Versions versions) {
        this.projection = projection;
        this.rows = rows;
        this.handler = handler;
        this.history = history;
        this.mapper = mapper;
        this.dates = dates;
        this.jdbc = jdbc;
        this.versions = versions;
    }

    /**
     * Refolds the partition from the first day the trigger changes, in effective order, and stops as soon as the
     * refolded state after a day equals what the current versions already say of that day: from there on the same
     * events fold from the same state, so the rest of the timeline stands. A late fact therefore costs the days it
     * really changes, not its record's whole tail.
     */
    Timeline apply(
            String partition,
            DomainEventMessage<?> trigger,
            Instant recorded,
            LocalDate effective,
            Timeline known,
            LocalDate folded)
            throws Exception {
        List<DomainEventMessage<?>> raw = history.upTo(partition, trigger.getSequenceNumber());
        LocalDate from = effective;
        LocalDate settled = effective; // no day before this one can end the refold: the trigger has not acted yet
        if (from == null) {
            String target = trigger.getPayload() instanceof EntryCorrected c
                    ? c.eventId()
                    : ((EntryRetracted) trigger.getPayload()).eventId();
            DomainEventMessage<?> original = raw.stream()
                    .filter(e -> e.getIdentifier().equals(target))
                    .findFirst()
                    .orElse(null);
            if (original == null || !handler.canHandle(original)) {
                return null; // not an event this projection folds
            }
            from = TemporalProjector.effectiveDate(original);
            settled = from;
            if (trigger.getPayload() instanceof EntryCorrected c && c.effectiveDate() != null) {
                LocalDate corrected = ProjectableDates.clamp(c.effectiveDate());
                from = corrected.isBefore(from) ? corrected : from;
                settled = corrected.isAfter(settled) ? corrected : settled;
            }
        }
        LocalDate day = from;
        List<Dated> events = new ArrayList<>();
        LocalDate latest = null;
        // Each corrected event carries the mark of its latest correction, for the views that show it.
        for (DomainEventMessage<?> event :
                revised(raw) ? CorrectionMark.marked(raw, CorrectedHistory.apply(raw, mapper)) : raw) {
            Object payload = event.getPayload();
            if (payload instanceof EntryCorrected || payload instanceof EntryRetracted) {
                continue;
            }
            LocalDate date = TemporalProjector.effectiveDate(event);
            if (effective != null && date.isBefore(day)) {
                continue; // a late fact: what lies before it stays, and nothing folded is dated after foldedUntil
            }
            if (!handler.canHandle(event)) {
                continue;
            }
            latest = latest == null || date.isAfter(latest) ? date : latest;
            if (!date.isBefore(day)) {
                events.add(new Dated(date, event));
            }
        }
        // In effective order, ties by sequence number; a refold mostly ends after an event or two, so the events are
        // taken from a heap (built in linear time) rather than the whole tail sorted for every late fact.
        PriorityQueue<Dated> queue = new PriorityQueue<>(events);

        Timeline believed = known;
        if (believed == null) {
            versions.writes().flush();
            believed = Timeline.load(
                    jdbc,
                    projection.versionedTables().stream().map(versions::layout).toList(),
                    versions.slot(),
                    partition);
        }
        Head.Rowset working = validOn(believed, day.minusDays(1));
        TreeMap<LocalDate, Map<String, Map<List<Object>, List<Object>>>> states = new TreeMap<>();
        states.put(day, snapshot(working));
        LocalDate end = null; // the day from which the refolded timeline is the believed one
        while (!queue.isEmpty()) {
            Dated next = queue.poll();
            DomainEventMessage<?> event = dates.of(next.event());
            rows.with(working, () -> handler.handle(event));
            working.commit();
            LocalDate date = next.date();
            if (queue.isEmpty() || !queue.peek().date().equals(date)) {
                Map<String, Map<List<Object>, List<Object>>> state = snapshot(working);
                if (!date.isBefore(settled) && same(state, believed, date)) {
                    end = date;
                    break;
                }
                states.put(date, state);
            }
        }
        if (end != null) {
            states.tailMap(end, true).clear();
        }

        List<LocalDate> dates = new ArrayList<>(states.keySet());
        for (VersionedTable table : projection.versionedTables()) {
            VersionLayout layout = versions.layout(table);
            Map<List<Object>, List<Version>> current = new LinkedHashMap<>();
            for (List<Object> key : believed.keys(table.name())) {
                List<Version> overlapping = believed.overlapping(table.name(), key, day, end);
                if (!overlapping.isEmpty()) {
                    current.put(key, overlapping);
                }
            }
            Set<List<Object>> keys = new LinkedHashSet<>(current.keySet());
            states.values().forEach(state -> keys.addAll(state.get(table.name()).keySet()));
            for (List<Object> key : keys) {
                List<Piece> timeline = new ArrayList<>();
                for (int i = 0; i < dates.size(); i++) {
                    timeline.add(new Piece(
                            dates.get(i),
                            i + 1 < dates.size() ? dates.get(i + 1) : end,
                            states.get(dates.get(i)).get(table.name()).get(key)));
                }
                rewrite(layout, key, day, end, recorded, current.getOrDefault(key, List.of()), timeline, believed);
            }
        }
        LocalDate until = latest != null && (folded == null || latest.isAfter(folded)) ? latest : folded;
        if (until != null) {
            versions.progress(partition, until, trigger.getSequenceNumber(), folded == null);
        }
        believed.foldedUntil = until;
        return believed;
    }

    /** Whether any of the events corrects or retracts another (most partitions have none: their events fold as stored). */
    private static boolean revised(List<DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof EntryCorrected || event.getPayload() instanceof EntryRetracted) {
                return true;
            }
        }
        return false;
    }

    /** Whether the head state equals, key by key, the rows the current versions say were valid on {@code day}. */
    private boolean same(Map<String, Map<List<Object>, List<Object>>> state, Timeline believed, LocalDate day) {
        for (VersionedTable table : projection.versionedTables()) {
            Map<List<Object>, List<Object>> rows = state.get(table.name());
            int valid = 0;
            for (List<Object> key : believed.keys(table.name())) {
                Version version = believed.validOn(table.name(), key, day);
                if (version != null) {
                    valid++;
                    if (!version.row().equals(rows.get(key))) {
                        return false;
                    }
                }
            }
            if (valid != rows.size()) {
                return false;
            }
        }
        return true;
    }

    /** The partition's rows valid on {@code day} by its current versions. */
    private Head.Rowset validOn(Timeline believed, LocalDate day) {
        Head.Rowset rowset = new Head.Rowset();
        for (VersionedTable table : projection.versionedTables()) {
            Map<List<Object>, Row> valid = new HashMap<>();
            for (List<Object> key : believed.keys(table.name())) {
                Version version = believed.validOn(table.name(), key, day);
                if (version != null) {
                    valid.put(key, version.toRow());
                }
            }
            rowset.tables.put(table.name(), valid);
        }
        return rowset;
    }

    private Map<String, Map<List<Object>, List<Object>>> snapshot(Head.Rowset rowset) {
        Map<String, Map<List<Object>, List<Object>>> state = new HashMap<>();
        for (VersionedTable table : projection.versionedTables()) {
            state.put(table.name(), rowset.values(table.name()));
        }
        return state;
    }

    // ---- versions

    /** An event to refold with its effective day, worked out once. */
    private record Dated(LocalDate date, DomainEventMessage<?> event) implements Comparable<Dated> {
        @Override
        public int compareTo(Dated other) {
            int byDate = date.compareTo(other.date);
            return byDate != 0 ? byDate : Long.compare(event.getSequenceNumber(), other.event.getSequenceNumber());
        }
    }

    /** Rows of a key over effective time: {@code row} (null: no row) from {@code from} to {@code to} (null: open). */
    private record Piece(LocalDate from, LocalDate to, List<Object> row) {}

    /**
     * Makes the key's current versions between {@code day} and {@code end} (null: open) say what {@code timeline}
     * says, if they do not already: the overlapping old ones stop being believed at {@code recorded} (or go, if they
     * were written at that same instant), their parts before {@code day} and from {@code end} on are kept as new
     * versions, and the timeline's rows become versions.
     */
    private void rewrite(
            VersionLayout layout,
            List<Object> key,
            LocalDate day,
            LocalDate end,
            Instant recorded,
            List<Version> current,
            List<Piece> timeline,
            Timeline believed) {
        List<Piece> old = new ArrayList<>();
        for (Version version : current) {
            LocalDate to = end != null
                            && (version.validTo() == null || version.validTo().isAfter(end))
                    ? end
                    : version.validTo();
            old.add(new Piece(version.validFrom().isBefore(day) ? day : version.validFrom(), to, version.row()));
        }
        List<Piece> wanted = merge(timeline);
        if (merge(old).equals(wanted)) {
            return;
        }
        List<Piece> pieces = new ArrayList<>();
        for (Version version : current) {
            versions.writes()
                    .close(
                            layout,
                            versions.slot(),
                            key,
                            version.validFrom(),
                            version.validTo(),
                            version.recordedFrom(),
                            recorded);
            believed.remove(version);
            if (version.validFrom().isBefore(day)) {
                pieces.add(new Piece(version.validFrom(), day, version.row()));
            }
        }
        pieces.addAll(wanted);
        for (Version version : current) {
            if (end != null && (version.validTo() == null || version.validTo().isAfter(end))) {
                pieces.add(new Piece(
                        version.validFrom().isAfter(end) ? version.validFrom() : end,
                        version.validTo(),
                        version.row()));
            }
        }
        for (Piece piece : merge(pieces)) {
            versions.writes().insert(layout, versions.slot(), key, piece.row, piece.from, piece.to, recorded);
            believed.put(new Version(layout, piece.from, piece.to, recorded, piece.row));
        }
    }

    /** Adjacent pieces with equal rows as one; pieces without a row left out. */
    private static List<Piece> merge(List<Piece> pieces) {
        List<Piece> merged = new ArrayList<>();
        for (Piece piece : pieces) {
            if (piece.row == null) {
                continue;
            }
            Piece last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.to != null && last.to.equals(piece.from) && last.row.equals(piece.row)) {
                merged.set(merged.size() - 1, new Piece(last.from, piece.to, last.row));
            } else {
                merged.add(piece);
            }
        }
        return merged;
    }
}
