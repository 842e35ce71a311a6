package org.diplomaticledger.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.diplomaticledger.history.api.CorrectedHistory;
import org.diplomaticledger.projection.CsvTable;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.LedgerMetadata;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The full history of a presence, a mission or talks, read from the event table by aggregate id (its unique index on
 * aggregate id and sequence), never from a projection: every event as recorded, with its metadata, the corrections
 * and retractions recorded later listed on it, and the payload that holds now.
 */
@Component
public class HistoryQueries {

    public static final int DEFAULT_SIZE = 100;
    public static final int MAX_SIZE = 1000;

    private static final Set<String> REVISIONS = Set.of("EntryCorrected", "EntryRetracted");

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = EventJson.mapper();

    public HistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One event in a history. {@code payload}, {@code source} and {@code actor} are the event's as recorded;
     * {@code current} is the payload that holds now, {@code currentSetBy} the entry that set it (the event itself, or
     * its latest correction or retraction) with that entry's actor and source, and {@code original} (on a corrected or
     * retracted event) the value as first recorded with its own provenance. {@code revises} is set on corrections and
     * retractions; {@code corrections} on the events they revise.
     */
    public record HistoryEntry(
            long position,
            String eventId,
            String type,
            long sequenceNumber,
            String effectiveDate,
            String recordedAt,
            String actor,
            JsonNode source,
            String correlationId,
            String command,
            String commandId,
            JsonNode payload,
            String status,
            JsonNode current,
            SetBy currentSetBy,
            Original original,
            List<Revision> corrections,
            Revised revises) {}

    /**
     * The provenance of a value shown: the entry that set it (an event, a correction or a retraction), who recorded
     * that entry, when, on whose report ({@code source}) and, for a revision, why.
     */
    public record SetBy(
            long position,
            String eventId,
            String type,
            String recordedAt,
            String actor,
            JsonNode source,
            String reason) {}

    /** A corrected or retracted event's value as first recorded, with its own provenance. */
    public record Original(JsonNode payload, JsonNode source, String actor, String recordedAt) {}

    /** A correction or retraction, as listed on the event it revises: who, when, why, and (for a correction) what. */
    public record Revision(
            long position,
            String eventId,
            String type,
            String recordedAt,
            String actor,
            String correlationId,
            String reason,
            JsonNode source,
            JsonNode corrected) {}

    /** The event a correction or retraction revises. */
    public record Revised(String eventId, String type) {}

    public record History(String subject, String aggregateId, List<HistoryEntry> items, int page, int size, long total)
            implements CsvTable {

        /** As CSV: one row per entry, the payloads as JSON text. */
        @Override
        public List<?> csvRows() {
            return items.stream().map(HistoryRow::of).toList();
        }

        @Override
        public Class<?> csvRowType() {
            return HistoryRow.class;
        }
    }

    /**
     * One history entry as a CSV row: the event as recorded, its status, the value that holds now with the
     * provenance of whoever set it, and the payloads as JSON text.
     */
    public record HistoryRow(
            long position,
            String eventId,
            String type,
            long sequenceNumber,
            String effectiveDate,
            String recordedAt,
            String actor,
            String source,
            String sourceUrl,
            String correlationId,
            String command,
            String commandId,
            String status,
            String revises,
            String currentSetByEventId,
            String currentSetByType,
            String currentSetByActor,
            String currentSetByRecordedAt,
            String currentSource,
            String currentSourceUrl,
            String reason,
            String payload,
            String current) {

        static HistoryRow of(HistoryEntry entry) {
            SetBy setBy = entry.currentSetBy();
            JsonNode currentSource =
                    entry.current() == null ? null : entry.current().get("source");
            return new HistoryRow(
                    entry.position(),
                    entry.eventId(),
                    entry.type(),
                    entry.sequenceNumber(),
                    entry.effectiveDate(),
                    entry.recordedAt(),
                    entry.actor(),
                    sourceText(entry.source()),
                    sourceUrl(entry.source()),
                    entry.correlationId(),
                    entry.command(),
                    entry.commandId(),
                    entry.status(),
                    entry.revises() == null ? null : entry.revises().eventId(),
                    setBy == null ? null : setBy.eventId(),
                    setBy == null ? null : setBy.type(),
                    setBy == null ? null : setBy.actor(),
                    setBy == null ? null : setBy.recordedAt(),
                    sourceText(currentSource),
                    sourceUrl(currentSource),
                    setBy == null ? null : setBy.reason(),
                    entry.payload() == null ? null : entry.payload().toString(),
                    entry.current() == null ? null : entry.current().toString());
        }

        private static String sourceText(JsonNode source) {
            return source == null || source.isNull()
                    ? null
                    : source.isTextual() ? source.asText() : text(source, "text");
        }

        private static String sourceUrl(JsonNode source) {
            return source == null || !source.isObject() ? null : text(source, "url");
        }
    }

    public History presence(String presenceId, Integer page, Integer size) {
        return presence(presenceId, page, size, false);
    }

    public History talks(String talksId, Integer page, Integer size) {
        return talks(talksId, page, size, false);
    }

    public History mission(String missionId, Integer page, Integer size) {
        return mission(missionId, page, size, false);
    }

    /** @param csv for CSV: {@code size} up to {@link PageQuery#MAX_CSV_SIZE}, and that many by default */
    public History presence(String presenceId, Integer page, Integer size, boolean csv) {
        List<Row> rows = rows(presenceId, "Presence");
        if (rows.isEmpty()) {
            throw new ResourceNotFound("the ledger holds no presence " + presenceId);
        }
        return page("presence " + presenceId, presenceId, rows, row -> true, page, size, csv);
    }

    public History talks(String talksId, Integer page, Integer size, boolean csv) {
        List<Row> rows = rows(talksId, "Talks");
        if (rows.isEmpty()) {
            throw new ResourceNotFound("the ledger holds no talks " + talksId);
        }
        return page("talks " + talksId, talksId, rows, row -> true, page, size, csv);
    }

    /** A mission's history: its presence's events that name the mission (and their corrections). */
    public History mission(String missionId, Integer page, Integer size, boolean csv) {
        return mission(missionId, page, size, csv, null);
    }

    /**
     * A mission's history as the ledger stood at {@code knownAt}: only the events, corrections and retractions
     * recorded by then (null: now).
     */
    public History mission(String missionId, Integer page, Integer size, boolean csv, Instant knownAt) {
        String[] parts = missionId.split("-");
        List<Row> rows = parts.length < 3 ? List.of() : rows(parts[0] + "-" + parts[1], "Presence", knownAt);
        Predicate<Row> names = row -> mentions(row.payload, missionId);
        if (rows.stream().noneMatch(names)) {
            throw new ResourceNotFound(
                    "the ledger holds no mission " + missionId + (knownAt == null ? "" : " recorded by " + knownAt));
        }
        return page("mission " + missionId, parts[0] + "-" + parts[1], rows, names, page, size, csv);
    }

    /**
     * The history of whichever record the ledger keeps under an aggregate id (a presence {@code RU-US}, talks, the
     * relations {@code RELATIONS-RU-US}), as the ledger stood at {@code knownAt}: only the events, corrections and
     * retractions recorded by then (null: now). The subject names the record by its aggregate type, so this reads any
     * record without naming a capability.
     */
    public History record(String aggregateId, Integer page, Integer size, Instant knownAt) {
        List<Row> rows = rows(aggregateId, null, knownAt);
        if (rows.isEmpty()) {
            throw new ResourceNotFound(
                    "the ledger holds no record " + aggregateId + (knownAt == null ? "" : " recorded by " + knownAt));
        }
        return page(
                words(rows.get(0).aggregateType) + " " + aggregateId,
                aggregateId,
                rows,
                row -> true,
                page,
                size,
                false);
    }

    private History page(
            String subject,
            String aggregateId,
            List<Row> rows,
            Predicate<Row> selected,
            Integer page,
            Integer size,
            boolean csv) {
        int max = csv ? PageQuery.MAX_CSV_SIZE : MAX_SIZE;
        int p = page == null ? 0 : page;
        int s = size == null ? (csv ? max : DEFAULT_SIZE) : size;
        if (p < 0) {
            throw new QueryParameterException("page", "must be 0 or more");
        }
        if (s < 1 || s > max) {
            throw new QueryParameterException("size", "must be between 1 and " + max);
        }
        Map<String, List<Row>> revisionsOf = new HashMap<>();
        Map<String, Row> byId = new HashMap<>();
        for (Row row : rows) {
            byId.put(row.eventId, row);
            if (REVISIONS.contains(row.type)) {
                revisionsOf
                        .computeIfAbsent(row.payload.path("eventId").asText(), k -> new ArrayList<>())
                        .add(row);
            }
        }
        List<HistoryEntry> entries = new ArrayList<>();
        for (Row row : rows) {
            boolean revision = REVISIONS.contains(row.type);
            Row target = revision ? byId.get(row.payload.path("eventId").asText()) : null;
            if (!(revision ? target != null && selected.test(target) : selected.test(row))) {
                continue;
            }
            entries.add(entry(row, revision ? List.of() : revisionsOf.getOrDefault(row.eventId, List.of()), target));
        }
        int from = (int) Math.min((long) p * s, entries.size());
        int to = Math.min(from + s, entries.size());
        return new History(subject, aggregateId, List.copyOf(entries.subList(from, to)), p, s, entries.size());
    }

    private HistoryEntry entry(Row row, List<Row> revisions, Row target) {
        String status = "RECORDED";
        JsonNode current = row.payload;
        SetBy setBy = setBy(row);
        // The source of the stored payload the next correction was made against (see CorrectedHistory.shownSource).
        JsonNode before = row.payload.get("source");
        List<Revision> listed = new ArrayList<>();
        for (Row revision : revisions) {
            boolean retraction = revision.type.equals("EntryRetracted");
            listed.add(new Revision(
                    revision.position,
                    revision.eventId,
                    revision.type,
                    revision.recordedAt,
                    text(revision.metaData, LedgerMetadata.ACTOR),
                    text(revision.metaData, LedgerMetadata.CORRELATION_ID),
                    revision.payload.path("reason").asText(null),
                    revision.payload.get("source"),
                    retraction ? null : revision.payload.get("corrected")));
            status = retraction ? "RETRACTED" : "CORRECTED";
            setBy = setBy(revision);
            if (retraction) {
                current = null;
            } else {
                JsonNode corrected = revision.payload.get("corrected");
                JsonNode shown =
                        CorrectedHistory.shownSource(before, corrected.get("source"), revision.payload.get("source"));
                before = corrected.get("source");
                ObjectNode withSource = corrected.deepCopy();
                if (shown != null && !shown.isNull()) {
                    withSource.set("source", shown);
                }
                current = withSource;
            }
        }
        Original original = revisions.isEmpty()
                ? null
                : new Original(
                        row.payload,
                        row.payload.get("source"),
                        text(row.metaData, LedgerMetadata.ACTOR),
                        row.recordedAt);
        if (target != null) {
            status = "REVISION";
        }
        return new HistoryEntry(
                row.position,
                row.eventId,
                row.type,
                row.sequenceNumber,
                row.payload.path("effectiveDate").asText(null),
                row.recordedAt,
                text(row.metaData, LedgerMetadata.ACTOR),
                row.payload.get("source"),
                text(row.metaData, LedgerMetadata.CORRELATION_ID),
                text(row.metaData, LedgerMetadata.COMMAND),
                text(row.metaData, LedgerMetadata.COMMAND_ID),
                row.payload,
                status,
                current,
                setBy,
                original,
                listed,
                target == null ? null : new Revised(target.eventId, target.type));
    }

    private static SetBy setBy(Row row) {
        return new SetBy(
                row.position,
                row.eventId,
                row.type,
                row.recordedAt,
                text(row.metaData, LedgerMetadata.ACTOR),
                row.payload.get("source"),
                REVISIONS.contains(row.type) ? row.payload.path("reason").asText(null) : null);
    }

    private List<Row> rows(String aggregateId, String aggregateType) {
        return rows(aggregateId, aggregateType, null);
    }

    /**
     * The events stored under the aggregate id, in sequence, of the given aggregate type (null: the type of its first
     * event), recorded by {@code knownAt} (null: all).
     */
    private List<Row> rows(String aggregateId, String aggregateType, Instant knownAt) {
        List<Row> all = jdbc.query(
                "SELECT global_index, event_identifier, sequence_number, type, time_stamp, payload_type, payload, meta_data "
                        + "FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                (rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getLong(3),
                        simpleName(rs.getString(6)),
                        rs.getString(5),
                        tree(rs.getBytes(7)),
                        tree(rs.getBytes(8)),
                        rs.getString(4)),
                aggregateId);
        String type = aggregateType != null ? aggregateType : all.isEmpty() ? null : all.get(0).aggregateType;
        return all.stream()
                .filter(row -> row.aggregateType != null && row.aggregateType.equals(type))
                .filter(row -> knownAt == null || !Instant.parse(row.recordedAt).isAfter(knownAt))
                .toList();
    }

    /** An aggregate type in words: {@code BilateralRelations} as "bilateral relations". */
    private static String words(String aggregateType) {
        return aggregateType.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private JsonNode tree(byte[] json) {
        if (json == null) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("an event in the ledger does not read as JSON", e);
        }
    }

    private static String simpleName(String payloadType) {
        return payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Whether any text in the payload is the id (a missionId field, a person's missionId in a list). */
    private static boolean mentions(JsonNode node, String id) {
        if (node.isTextual()) {
            return node.asText().equals(id);
        }
        for (JsonNode child : node) {
            if (mentions(child, id)) {
                return true;
            }
        }
        return false;
    }

    private record Row(
            long position,
            String eventId,
            long sequenceNumber,
            String type,
            String recordedAt,
            JsonNode payload,
            JsonNode metaData,
            String aggregateType) {}
}
