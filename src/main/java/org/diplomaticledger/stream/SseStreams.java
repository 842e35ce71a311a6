package org.diplomaticledger.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.shared.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Opens one server-sent-events stream of the ledger's events on a request: the API's {@code GET /api/v1/stream}
 * (HTTP Basic) and the dashboard's live feed ({@code GET /feed/events}, a browser's session) both serve their streams
 * here, so that both resume, filter, bound their buffers and count subscribers the same way.
 */
@Component
public class SseStreams {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SseStreams.class);

    private final LedgerTail tail;
    private final EventTypes types;
    private final StreamProperties properties;
    private final StreamConfiguration.StreamWorkers workers;
    private final ObjectMapper objectMapper;

    SseStreams(
            LedgerTail tail,
            EventTypes types,
            StreamProperties properties,
            StreamConfiguration.StreamWorkers workers,
            ObjectMapper objectMapper) {
        this.tail = tail;
        this.types = types;
        this.properties = properties;
        this.workers = workers;
        this.objectMapper = objectMapper;
    }

    /** The position a stream starts after: {@code Last-Event-ID} (a reconnect) wins over {@code after}; else 0. */
    public static long start(String lastEventId, String after) {
        return lastEventId != null && !lastEventId.isBlank()
                ? position("Last-Event-ID", lastEventId)
                : position("after", after);
    }

    /** The filter of a stream's query parameters ({@link QueryParameterException} naming a bad one). */
    public EventFilter filter(List<String> type, String state, String aggregate) {
        return EventFilter.parse(type, state, aggregate, null, null, types.names());
    }

    /** The ledger's event names, e.g. {@code DiplomatExpelled}. */
    public java.util.Set<String> typeNames() {
        return types.names();
    }

    /**
     * Answers the request with a stream of the events after {@code start} that pass {@code filter}, first read from
     * the store, then live; 503 problem+json when the ledger serves {@code ledger.stream.max-subscribers} already.
     */
    public void open(HttpServletRequest request, HttpServletResponse response, long start, EventFilter filter)
            throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache, no-store");
        response.setHeader("X-Accel-Buffering", "no"); // nginx: do not buffer the stream
        // A stream is the connection's last response: when it ends, however it ends, the connection closes, so that
        // every client learns of the end (one that reads the body as a plain stream would otherwise wait on an idle
        // connection kept alive for a next request that never comes).
        response.setHeader(HttpHeaders.CONNECTION, "close");
        if ("HEAD".equals(request.getMethod())) {
            // The headers of a stream, and no stream: a HEAD takes no subscriber slot (its body is never sent, so a
            // subscription would never learn that its client left, and would keep the slot for good).
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // heartbeats keep it open; a closed connection ends it
        SseSubscription subscription = new SseSubscription(
                tail, filter, start, properties.buffer(), workers.catchUp(), workers.writer(), async);
        if (!tail.register(subscription)) {
            response.reset();
            ProblemDetail problem = Problems.of(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "too-many-streams",
                    "Too many streams",
                    "the ledger serves at most " + properties.maxSubscribers() + " streams at once; try again shortly",
                    request);
            response.setStatus(503);
            response.setHeader("Retry-After", "5");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            objectMapper.writeValue(response.getOutputStream(), problem);
            async.complete();
            return;
        }
        try {
            response.flushBuffer();
            subscription.start();
        } catch (IOException | IllegalStateException gone) {
            // The client left before its stream began (the headers are out: no problem answer can follow). Said in
            // the log with its cause: a stream that ends here sends no closing comment, so the log is all there is.
            log.warn("A stream after position {} ended before it began: {}", start, gone.toString());
            subscription.abandon();
            try {
                async.complete();
            } catch (IllegalStateException alreadyComplete) {
                // nothing left to end
            }
        }
    }

    /** A ledger position given as a request parameter or header: 0 when absent, else a whole number of 0 or more. */
    public static long position(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(value.trim());
            if (position < 0) {
                throw new QueryParameterException(parameter, "a ledger position is 0 or more, not " + value);
            }
            return position;
        } catch (NumberFormatException e) {
            throw new QueryParameterException(parameter, "a ledger position (a whole number), not '" + value + "'");
        }
    }
}
