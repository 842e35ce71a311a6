package org.diplomaticledger.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.EntryRetracted;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One aggregate's history as it reads once its corrections are applied: a corrected event is replaced, in its own
 * place and with its own id, sequence, time and metadata, by the payload its latest correction gives; a retracted
 * event is left out. The corrections and retractions themselves stay in the list, where they were recorded.
 *
 * <p>To read the history as the ledger knew it at a moment, pass only the events recorded by then: a correction
 * recorded later is then not in the list and does not apply.
 */
public final class CorrectedHistory {

    private CorrectedHistory() {
    }

    /**
     * @param events one aggregate's events in sequence order
     * @param mapper the event serializer's object mapper, to read corrected payloads as their event type
     */
    public static List<DomainEventMessage<?>> apply(List<? extends DomainEventMessage<?>> events, ObjectMapper mapper) {
        Map<String, EntryCorrected> corrections = new HashMap<>();
        Set<String> retracted = new HashSet<>();
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof EntryCorrected correction) {
                corrections.put(correction.eventId(), correction);
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
            EntryCorrected correction = corrections.get(id);
            result.add(correction == null ? event : substitute(event, correctedPayload(event, correction, mapper)));
        }
        return result;
    }

    /** The corrected payload read as the original event's type. */
    public static Object correctedPayload(DomainEventMessage<?> original, EntryCorrected correction, ObjectMapper mapper) {
        return mapper.convertValue(correction.corrected(), original.getPayloadType());
    }

    /** The event with another payload and everything else (id, aggregate, sequence, time, metadata) its own. */
    public static DomainEventMessage<?> substitute(DomainEventMessage<?> event, Object payload) {
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(),
                payload, event.getMetaData(), event.getIdentifier(), event.getTimestamp());
    }
}
