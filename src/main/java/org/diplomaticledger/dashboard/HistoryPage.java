package org.diplomaticledger.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.diplomaticledger.history.HistoryQueries.History;
import org.diplomaticledger.history.HistoryQueries.HistoryEntry;
import org.diplomaticledger.history.HistoryQueries.Revision;

/**
 * The history page's rows, drawn from {@code HistoryQueries}' answer (the one behind {@code GET /api/v1/…/history}):
 * each event as recorded with its provenance and its payload's facts in words, and beside it each correction (the
 * fields it changed, old and new, worked out from the payloads the history lists) or retraction. The corrections and
 * retractions also keep their own place in the ledger's order, pointing at the event they revise.
 *
 * @param subject   what the history is of ("presence GN-SL", "mission …")
 * @param record    the id the page was asked for, as the ledger writes it
 * @param rows      the entries of this page, in ledger order
 * @param first     the number of the first entry shown (from 1; 0 when none)
 * @param last      the number of the last entry shown
 * @param total     how many entries the history holds
 * @param previous  the page before (null on the first)
 * @param next      the page after (null on the last)
 */
record HistoryPage(
        String subject,
        String record,
        List<Row> rows,
        long first,
        long last,
        long total,
        Integer previous,
        Integer next) {

    /** Fields each event carries that the page shows in columns of their own. */
    private static final Set<String> IN_COLUMNS = Set.of("effectiveDate", "source");

    /** A source as reported: its text and, when it has one, its address. */
    record Source(String text, String url) {
        static Source of(JsonNode source) {
            if (source == null || source.isNull() || source.isMissingNode()) {
                return null;
            }
            if (source.isTextual()) {
                return new Source(source.asText(), null);
            }
            JsonNode url = source.get("url");
            return new Source(source.path("text").asText(""), url == null || url.isNull() ? null : url.asText());
        }
    }

    /** One fact of a payload, named in words: "departure deadline" = "2031-02-08". */
    record Fact(String name, String value) {}

    /** A field a correction changed, with the value before it and the value it set. */
    record FieldChange(String name, String before, String after) {}

    /** A correction or retraction beside the event it revises. */
    record Change(
            boolean retraction,
            long position,
            String eventId,
            String recordedAt,
            String actor,
            String reason,
            Source source,
            List<FieldChange> fields) {}

    /**
     * One entry of the history.
     *
     * @param status   RECORDED, CORRECTED, RETRACTED, or REVISION for a correction or retraction in its own place
     * @param revises  on a REVISION: the sequence number of the event it revises (null when not on this record)
     * @param reason   on a REVISION: why
     */
    record Row(
            long position,
            long sequence,
            String eventId,
            String type,
            String effectiveDate,
            String recordedAt,
            String actor,
            Source source,
            List<Fact> facts,
            String status,
            List<Change> changes,
            Long revises,
            String revisesEventId,
            String revisesType,
            String reason) {

        public boolean retracted() {
            return "RETRACTED".equals(status);
        }

        public boolean corrected() {
            return "CORRECTED".equals(status);
        }

        public boolean revision() {
            return "REVISION".equals(status);
        }
    }

    static HistoryPage of(History history, String record) {
        Map<String, Long> sequenceOf = new java.util.HashMap<>();
        history.items().forEach(entry -> sequenceOf.put(entry.eventId(), entry.sequenceNumber()));
        List<Row> rows =
                history.items().stream().map(entry -> row(entry, sequenceOf)).toList();
        long first = rows.isEmpty() ? 0 : (long) history.page() * history.size() + 1;
        long last = rows.isEmpty() ? 0 : first + rows.size() - 1;
        return new HistoryPage(
                history.subject(),
                record,
                rows,
                first,
                last,
                history.total(),
                history.page() > 0 ? history.page() - 1 : null,
                last < history.total() ? history.page() + 1 : null);
    }

    private static Row row(HistoryEntry entry, Map<String, Long> sequenceOf) {
        List<Change> changes = new ArrayList<>();
        JsonNode before = entry.payload();
        for (Revision revision : entry.corrections()) {
            boolean retraction = "EntryRetracted".equals(revision.type());
            List<FieldChange> fields = retraction ? List.of() : changes(before, revision.corrected());
            changes.add(new Change(
                    retraction,
                    revision.position(),
                    revision.eventId(),
                    revision.recordedAt(),
                    revision.actor(),
                    revision.reason(),
                    Source.of(revision.source()),
                    fields));
            if (!retraction) {
                before = revision.corrected();
            }
        }
        boolean revision = "REVISION".equals(entry.status());
        String revisesId = entry.revises() == null ? null : entry.revises().eventId();
        return new Row(
                entry.position(),
                entry.sequenceNumber(),
                entry.eventId(),
                entry.type(),
                entry.effectiveDate(),
                entry.recordedAt(),
                entry.actor(),
                Source.of(entry.source()),
                revision ? List.of() : facts(entry.payload()),
                entry.status(),
                changes,
                revisesId == null ? null : sequenceOf.get(revisesId),
                revisesId,
                entry.revises() == null ? null : entry.revises().type(),
                revision ? entry.payload().path("reason").asText(null) : null);
    }

    /** The fields whose value differs between two payloads, in the order the first names them (then new ones). */
    static List<FieldChange> changes(JsonNode before, JsonNode after) {
        if (after == null || after.isNull()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        before.fieldNames().forEachRemaining(names::add);
        after.fieldNames().forEachRemaining(names::add);
        List<FieldChange> changes = new ArrayList<>();
        for (String name : names) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (!same(old, now)) {
                changes.add(new FieldChange(words(name), text(old), text(now)));
            }
        }
        return changes;
    }

    /** A payload's facts, but for the effective date and source the page shows in their own columns, and empty lists. */
    static List<Fact> facts(JsonNode payload) {
        List<Fact> facts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = payload.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!IN_COLUMNS.contains(field.getKey()) && !absent(value) && !(value.isArray() && value.isEmpty())) {
                facts.add(new Fact(words(field.getKey()), text(field.getValue())));
            }
        }
        return facts;
    }

    /** A value in words: text as it is, a list joined by commas, an object as its fields ("name: …; title: …"). */
    static String text(JsonNode value) {
        if (absent(value)) {
            return "none";
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(element -> parts.add(text(element)));
            return parts.isEmpty() ? "none" : String.join(", ", parts);
        }
        value.fields().forEachRemaining(field -> {
            if (!absent(field.getValue())) {
                parts.add(words(field.getKey()) + ": " + text(field.getValue()));
            }
        });
        return "(" + String.join("; ", parts) + ")";
    }

    /** A field's name in words: {@code departureDeadline} as "departure deadline". */
    static String words(String field) {
        return field.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        return absent(a) ? absent(b) : !absent(b) && a.equals(b);
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }
}
