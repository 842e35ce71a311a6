package org.diplomaticledger.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.stream.LedgerTail;
import org.diplomaticledger.stream.StreamedEvent;
import org.springframework.stereotype.Component;

/**
 * The overview's latest events: the last events the ledger wrote (or had written by {@code knownAt}, effective by
 * {@code asOf}), read through the stream's {@link LedgerTail}, the one reader of the ledger's events for the stream
 * and the event pages. The tail reads forwards only, so this reads windows back from its frontier.
 */
@Component
class LatestEvents {

    /** How many events the overview lists. */
    static final int COUNT = 10;
    /** Events read per window back from the frontier, and the most windows read before giving up. */
    private static final int WINDOW = 200;

    private static final int MAX_WINDOWS = 10;

    /** One event as the overview lists it. */
    record Latest(
            long position, String type, String subject, LocalDate effectiveDate, Instant recordedAt, String source) {}

    private final LedgerTail tail;
    private final ObjectMapper json;

    LatestEvents(LedgerTail tail, ObjectMapper json) {
        this.tail = tail;
        this.json = json;
    }

    /** The latest events, newest first; {@code state} (alpha-2, or null) keeps the events that concern that state. */
    List<Latest> latest(LocalDate asOf, Instant knownAt, String state) {
        List<Latest> found = new ArrayList<>();
        long upTo = tail.frontier();
        for (int window = 0; window < MAX_WINDOWS && upTo > 0 && found.size() < COUNT; window++) {
            long after = Math.max(0, upTo - WINDOW);
            List<StreamedEvent> events = readAll(after, upTo);
            for (int i = events.size() - 1; i >= 0 && found.size() < COUNT; i--) {
                StreamedEvent event = events.get(i);
                if (state != null && !event.states().contains(state)) {
                    continue;
                }
                CloudEvent cloudEvent = event.cloudEvent();
                Instant recorded = cloudEvent.getTime() == null
                        ? null
                        : cloudEvent.getTime().toInstant();
                LocalDate effective = event.effectiveDate();
                if (knownAt != null && recorded != null && recorded.isAfter(knownAt)) {
                    continue;
                }
                if (asOf != null && effective != null && effective.isAfter(asOf)) {
                    continue;
                }
                found.add(new Latest(
                        event.position(), event.name(), event.subject(), effective, recorded, source(cloudEvent)));
            }
            upTo = after;
        }
        return found;
    }

    /** Every event after {@code after} up to {@code upTo}, in ledger order. */
    private List<StreamedEvent> readAll(long after, long upTo) {
        List<StreamedEvent> events = new ArrayList<>();
        long from = after;
        while (from < upTo) {
            LedgerTail.Batch batch = tail.read(from, upTo, WINDOW);
            events.addAll(batch.events());
            if (batch.through() <= from) {
                break;
            }
            from = batch.through();
        }
        return events;
    }

    private String source(CloudEvent event) {
        if (event.getData() == null) {
            return null;
        }
        try {
            JsonNode source = json.readTree(event.getData().toBytes()).path("source");
            return source.isObject() ? source.path("text").asText(null) : source.asText(null);
        } catch (IOException e) {
            return null;
        }
    }
}
