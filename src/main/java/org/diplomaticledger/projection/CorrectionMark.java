package org.diplomaticledger.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;
import org.diplomaticledger.shared.LedgerMetadata;
import org.diplomaticledger.shared.Provenance;

/**
 * The mark a view carries on a value that comes from a corrected event (issue 18, 9(d)): the latest correction of
 * that event as the read knows it. {@code at} is when the correction was recorded, {@code by} its actor,
 * {@code reason} and {@code source} its own, {@code eventId} the id of the {@code EntryCorrected} event and
 * {@code correctsEventId} the id of the event it corrects.
 *
 * <p>{@link TemporalProjector} hands it to a projection's handler in the corrected event's metadata (under
 * {@link #METADATA_KEY}) whenever it folds the event with a correction applied, which happens only from the moment
 * the correction is recorded: row versions recorded before then carry no mark, so a read with {@code knownAt} before
 * the correction shows the original value, unmarked. A handler keeps the mark in a text column as {@link #json()};
 * a query reads it back with {@link #parse}. A rebuild folds the same events with the same corrections, so it makes
 * the same columns.
 */
public record CorrectionMark(
        Instant at, String by, String reason, Provenance source, String eventId, String correctsEventId) {

    /** The metadata key of the mark on an event folded with its correction applied (in memory only, never stored). */
    public static final String METADATA_KEY = "ledger.correctionMark";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The mark in an event's metadata, or null when the event is folded as recorded. */
    public static CorrectionMark of(MetaData metaData) {
        return metaData == null ? null : metaData.get(METADATA_KEY) instanceof CorrectionMark mark ? mark : null;
    }

    /** The column value of the mark in an event's metadata: {@link #json()}, or null. */
    public static String column(MetaData metaData) {
        CorrectionMark mark = of(metaData);
        return mark == null ? null : mark.json();
    }

    /**
     * The events of one aggregate (as {@code CorrectedHistory.apply} gives them, corrections applied) with the mark of
     * each corrected event's latest correction in its metadata.
     *
     * @param raw       the aggregate's events as recorded, corrections and retractions included, in sequence order
     * @param corrected the same events with the corrections applied
     */
    static List<DomainEventMessage<?>> marked(
            List<? extends DomainEventMessage<?>> raw, List<DomainEventMessage<?>> corrected) {
        Map<String, DomainEventMessage<?>> latest = new HashMap<>();
        for (DomainEventMessage<?> event : raw) {
            if (event.getPayload() instanceof EntryCorrected correction) {
                latest.put(correction.eventId(), event);
            } else if (event.getPayload() instanceof EntryRetracted retraction) {
                latest.remove(retraction.eventId());
            }
        }
        if (latest.isEmpty()) {
            return corrected;
        }
        List<DomainEventMessage<?>> result = new ArrayList<>(corrected.size());
        for (DomainEventMessage<?> event : corrected) {
            DomainEventMessage<?> correction = latest.get(event.getIdentifier());
            result.add(
                    correction == null
                            ? event
                            : event.andMetaData(Map.of(METADATA_KEY, from(correction, event.getIdentifier()))));
        }
        return result;
    }

    private static CorrectionMark from(DomainEventMessage<?> message, String correctsEventId) {
        EntryCorrected correction = (EntryCorrected) message.getPayload();
        Object actor = message.getMetaData().get(LedgerMetadata.ACTOR);
        return new CorrectionMark(
                message.getTimestamp().truncatedTo(ChronoUnit.MICROS),
                actor == null ? null : actor.toString(),
                correction.reason(),
                correction.source(),
                message.getIdentifier(),
                correctsEventId);
    }

    /** The mark as the JSON text a projection keeps in its column (fields in a fixed order, nulls left out). */
    public String json() {
        ObjectNode node = JSON.createObjectNode();
        node.put("at", at.toString());
        if (by != null) {
            node.put("by", by);
        }
        if (reason != null) {
            node.put("reason", reason);
        }
        if (source != null) {
            ObjectNode provenance = node.putObject("source");
            provenance.put("text", source.text());
            if (source.url() != null) {
                provenance.put("url", source.url());
            }
        }
        node.put("eventId", eventId);
        node.put("correctsEventId", correctsEventId);
        return node.toString();
    }

    /** The mark a projection column holds, or null for null. */
    public static CorrectionMark parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            JsonNode source = node.get("source");
            return new CorrectionMark(
                    Instant.parse(node.get("at").asText()),
                    text(node, "by"),
                    text(node, "reason"),
                    source == null ? null : new Provenance(text(source, "text"), text(source, "url")),
                    text(node, "eventId"),
                    text(node, "correctsEventId"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a correction mark: " + json, e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
