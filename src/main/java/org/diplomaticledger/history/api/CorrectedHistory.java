package org.diplomaticledger.history.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.diplomaticledger.shared.EventJson;

/**
 * One aggregate's history as it reads once its corrections are applied: a corrected event is replaced, in its own
 * place and with its own id, sequence, time and metadata, by the payload its latest correction gives, whose
 * {@code source} is the source of that correction (see {@link #shownSource}); a retracted
 * event is left out. The corrections and retractions themselves stay in the list, where they were recorded.
 *
 * <p>To read the history as the ledger knew it at a moment, pass only the events recorded by then: a correction
 * recorded later is then not in the list and does not apply.
 */
public final class CorrectedHistory {

    private CorrectedHistory() {}

    /**
     * @param events one aggregate's events in sequence order
     * @param mapper the event serializer's object mapper, to read corrected payloads as their event type
     */
    public static List<DomainEventMessage<?>> apply(List<? extends DomainEventMessage<?>> events, ObjectMapper mapper) {
        Map<String, List<EntryCorrected>> corrections = new HashMap<>();
        Set<String> retracted = new HashSet<>();
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof EntryCorrected correction) {
                corrections
                        .computeIfAbsent(correction.eventId(), id -> new ArrayList<>())
                        .add(correction);
                retracted.remove(correction.eventId());
            } else if (event.getPayload() instanceof EntryRetracted retraction) {
                retracted.add(retraction.eventId());
                corrections.remove(retraction.eventId());
            }
        }
        if (corrections.isEmpty() && retracted.isEmpty()) {
            return List.copyOf(events);
        }
        List<DomainEventMessage<?>> result = new ArrayList<>(events.size());
        for (DomainEventMessage<?> event : events) {
            String id = event.getIdentifier();
            if (retracted.contains(id)) {
                continue;
            }
            List<EntryCorrected> revisions = corrections.get(id);
            result.add(revisions == null ? event : substitute(event, correctedPayload(event, revisions, mapper)));
        }
        return result;
    }

    /**
     * The payload the corrections of one event give it, read as the event's type, with the source of the value it
     * now holds (see {@link #shownSource}).
     *
     * @param corrections the event's corrections, in the order they were recorded
     */
    public static Object correctedPayload(
            DomainEventMessage<?> original, List<EntryCorrected> corrections, ObjectMapper mapper) {
        // Compared in the stored JSON form (null fields left out), whatever the caller's mapper does with nulls.
        ObjectMapper stored = EventJson.mapper();
        JsonNode before = stored.valueToTree(original.getPayload()).get("source");
        JsonNode shown = before;
        ObjectNode corrected = null;
        for (EntryCorrected correction : corrections) {
            corrected = stored.valueToTree(correction.corrected());
            shown = shownSource(before, corrected.get("source"), stored.valueToTree(correction.source()));
            before = corrected.get("source");
        }
        if (corrected == null) {
            return original.getPayload();
        }
        if (shown != null && !shown.isNull()) {
            corrected.set("source", shown);
        }
        return mapper.convertValue(corrected, original.getPayloadType());
    }

    /**
     * Where the value a correction sets comes from. A correction's payload is the whole event with the corrected
     * fields in place, so it carries the source of the payload it corrected; but the corrected value was reported by
     * the correction's source, and that is the source shown with it (issue 18: a figure never appears under a source
     * that did not report it). Only a correction that corrects {@code source} itself (the payload's source differs
     * from the one it was made against) keeps the source it names.
     *
     * @param before           the source of the payload the correction was made against (as stored)
     * @param correctedSource  the source in the correction's payload
     * @param correctionSource the correction's own source
     */
    public static JsonNode shownSource(JsonNode before, JsonNode correctedSource, JsonNode correctionSource) {
        boolean sourceCorrected = correctedSource != null && !correctedSource.equals(before);
        return sourceCorrected || correctionSource == null || correctionSource.isNull()
                ? correctedSource
                : correctionSource;
    }

    /** The event with another payload and everything else (id, aggregate, sequence, time, metadata) its own. */
    public static DomainEventMessage<?> substitute(DomainEventMessage<?> event, Object payload) {
        return new GenericDomainEventMessage<>(
                event.getType(),
                event.getAggregateIdentifier(),
                event.getSequenceNumber(),
                payload,
                event.getMetaData(),
                event.getIdentifier(),
                event.getTimestamp());
    }
}
