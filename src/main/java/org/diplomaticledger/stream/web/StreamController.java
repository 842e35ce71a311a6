package org.diplomaticledger.stream.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.shared.Problems;
import org.diplomaticledger.stream.EventFilter;
import org.diplomaticledger.stream.EventTypes;
import org.diplomaticledger.stream.LedgerTail;
import org.diplomaticledger.stream.SseStreams;
import org.diplomaticledger.stream.StreamConfiguration;
import org.diplomaticledger.stream.StreamProperties;
import org.diplomaticledger.stream.StreamedEvent;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ledger's events for integrators: live as server-sent events, and in pages. */
@RestController
@Tag(name = "Stream", description = "The ledger's events as CloudEvents 1.0: live (SSE) and in pages")
class StreamController {

    static final String NDJSON = "application/x-ndjson";

    private final LedgerTail tail;
    private final EventTypes types;
    private final StreamProperties properties;
    private final StreamConfiguration.StreamWorkers workers;
    private final ObjectMapper objectMapper;
    private final Duration maxWait;
    private final SseStreams streams;

    StreamController(
            LedgerTail tail,
            EventTypes types,
            StreamProperties properties,
            StreamConfiguration.StreamWorkers workers,
            ObjectMapper objectMapper,
            org.diplomaticledger.projection.ProjectionsProperties projections,
            SseStreams streams) {
        this.streams = streams;
        Duration maxWait = projections.maxWait();
        this.tail = tail;
        this.types = types;
        this.properties = properties;
        this.workers = workers;
        this.objectMapper = objectMapper;
        this.maxWait = maxWait;
    }

    @Operation(
            summary = "Subscribe to the ledger's events (server-sent events)",
            description = """
                    Role INTEGRATOR (or ADMIN). A `text/event-stream` that never ends by itself: first every event after \
                    the position you name (`Last-Event-ID`, else `after`, else 0: the whole ledger), read from the store, \
                    then each new event as it is written, in ledger order, with no gap and no duplicate at the switch. \
                    Each message's `id` is the ledger position, `event` the event's name, `data` the CloudEvent in \
                    structured JSON on one line. Comment lines (`: heartbeat`) come every `ledger.stream.heartbeat` \
                    (15 s); with filters a heartbeat may carry a bare `id:` (no data) with the position read so far, so \
                    a reconnect does not re-read what the filter passed by. A consumer that lets more than \
                    `ledger.stream.buffer` (1000) events wait is sent `: stream ended: …` and the stream closes: \
                    reconnect with the last id you received. See docs/stream.md.""",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The stream",
                        content = @Content(mediaType = "text/event-stream")),
                @ApiResponse(
                        responseCode = "400",
                        description = "A bad parameter, named in `parameter`",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description = "Not INTEGRATOR or ADMIN",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "503",
                        description = "Too many streams open (`ledger.stream.max-subscribers`)",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(value = "/api/v1/stream", produces = "text/event-stream")
    void stream(
            @Parameter(description = "Start after this ledger position (0: from the first event)", example = "120")
                    @RequestParam(value = "after", required = false)
                    String after,
            @Parameter(
                            description =
                                    "Resume after this position; set by SSE clients on reconnect, wins over `after`",
                            example = "120")
                    @RequestHeader(value = "Last-Event-ID", required = false)
                    String lastEventId,
            @Parameter(description = StreamDocs.TYPE, example = "DiplomatExpelled")
                    @RequestParam(value = "type", required = false)
                    List<String> type,
            @Parameter(description = StreamDocs.STATE, example = "RU") @RequestParam(value = "state", required = false)
                    String state,
            @Parameter(description = StreamDocs.AGGREGATE, example = "RU-US")
                    @RequestParam(value = "aggregate", required = false)
                    String aggregate,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        // The stream itself is SseStreams', shared with the dashboard's live feed.
        streams.open(request, response, SseStreams.start(lastEventId, after), streams.filter(type, state, aggregate));
    }

    @Operation(
            summary = "Read the ledger's events in pages",
            description = """
                    Roles INTEGRATOR, AUDITOR, CLERK (to find the event a correction names), ADMIN. The same CloudEvents \
                    as the stream, in ledger order, read-only: \
                    `events` after position `after`, at most `limit`, then `next` (pass it as `after` for the next page) \
                    and `more` (whether events after `next` can already be read). While filtering, one request examines \
                    at most `ledger.stream.page-scan-limit` (10,000) events, so a page may hold fewer than `limit` \
                    events, or none, while `more` is true: `next` still advances. A `Link: rel="next"` header is sent \
                    when `more` is true. `Accept: application/x-ndjson` answers one CloudEvent per line, with `next` in \
                    the header `X-Ledger-Next`. Only settled positions are served (no write that could still commit \
                    below them), so paging with `next` never skips an event.""",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "A page",
                        content = {
                            @Content(
                                    mediaType = "application/json",
                                    schema = @Schema(implementation = EventPage.class)),
                            @Content(mediaType = NDJSON)
                        }),
                @ApiResponse(
                        responseCode = "400",
                        description = "A bad parameter, named in `parameter`",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "403",
                        description = "Not INTEGRATOR, AUDITOR, CLERK or ADMIN",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "503",
                        description = "The ledger did not settle `atLeast` in time",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(
            value = "/api/v1/events",
            produces = {MediaType.APPLICATION_JSON_VALUE, NDJSON})
    ResponseEntity<?> events(
            @Parameter(description = "Events after this ledger position (0: from the first)", example = "0")
                    @RequestParam(value = "after", required = false)
                    String after,
            @Parameter(
                            description =
                                    "At most this many events (1 to `ledger.stream.max-page-size`, 1000; default 100)",
                            example = "100")
                    @RequestParam(value = "limit", required = false)
                    String limit,
            @Parameter(description = StreamDocs.TYPE, example = "DiplomatExpelled")
                    @RequestParam(value = "type", required = false)
                    List<String> type,
            @Parameter(description = StreamDocs.STATE, example = "RU") @RequestParam(value = "state", required = false)
                    String state,
            @Parameter(description = StreamDocs.AGGREGATE, example = "RU-US")
                    @RequestParam(value = "aggregate", required = false)
                    String aggregate,
            @Parameter(description = "Events effective on or after this date (YYYY-MM-DD)", example = "2017-01-01")
                    @RequestParam(value = "from", required = false)
                    String from,
            @Parameter(description = "Events effective on or before this date (YYYY-MM-DD)", example = "2018-12-31")
                    @RequestParam(value = "to", required = false)
                    String to,
            @Parameter(
                            description = "Wait (bounded) until this ledger position is settled, e.g. the `position` "
                                    + "of your write",
                            example = "120")
                    @RequestParam(value = ReadPosition.PARAMETER, required = false)
                    String atLeastParameter,
            @Parameter(description = "The same as `atLeast`, as a header", example = "120")
                    @RequestHeader(value = ReadPosition.HEADER, required = false)
                    String atLeastHeader,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            HttpServletRequest request)
            throws InterruptedException {
        long start = SseStreams.position("after", after);
        int size = limit == null || limit.isBlank() ? 100 : count("limit", limit);
        if (size < 1 || size > properties.maxPageSize()) {
            throw new QueryParameterException("limit", "from 1 to " + properties.maxPageSize() + ", not " + size);
        }
        EventFilter filter = EventFilter.parse(type, state, aggregate, from, to, types.names());
        Long atLeast = null;
        if (atLeastParameter != null && !atLeastParameter.isBlank()) {
            atLeast = SseStreams.position(ReadPosition.PARAMETER, atLeastParameter);
        } else if (atLeastHeader != null && !atLeastHeader.isBlank()) {
            atLeast = SseStreams.position(ReadPosition.HEADER, atLeastHeader);
        }
        if (atLeast != null) {
            if (!tail.awaitFrontier(atLeast, maxWait)) {
                return Problems.response(Problems.of(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "ledger-behind",
                        "Ledger behind",
                        "the ledger settled position " + tail.frontier() + ", not yet " + atLeast
                                + "; ask again shortly",
                        request));
            }
        }
        long frontier = tail.frontier();
        List<StreamedEvent> matched = new ArrayList<>();
        long next = start;
        int scanned = 0;
        while (matched.size() < size && next < frontier && scanned < properties.pageScanLimit()) {
            int batch = filter.isEmpty() ? size - matched.size() : Math.min(500, properties.pageScanLimit() - scanned);
            LedgerTail.Batch read = tail.read(next, frontier, batch);
            boolean all = true;
            for (StreamedEvent event : read.events()) {
                if (matched.size() == size) {
                    all = false;
                    break;
                }
                scanned++;
                next = event.position();
                if (filter.matches(event)) {
                    matched.add(event);
                }
            }
            if (all) {
                next = Math.max(next, read.through()); // past positions that hold nothing, too
            }
            if (read.events().isEmpty() && read.through() < frontier) {
                break; // the store does not show the next event yet: the next page starts there
            }
        }
        next = Math.max(next, start);
        boolean more = next < frontier;
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Ledger-Next", Long.toString(next));
        headers.set("X-Ledger-Position", Long.toString(frontier));
        if (more) {
            List<String> query = new ArrayList<>(filter.asQuery());
            query.add(0, "after=" + next);
            query.add(1, "limit=" + size);
            headers.add(
                    HttpHeaders.LINK,
                    "<" + request.getRequestURI() + "?" + String.join("&", query) + ">; rel=\"next\"");
        }
        if (accept != null && accept.contains(NDJSON)) {
            StringBuilder body = new StringBuilder();
            for (StreamedEvent event : matched) {
                body.append(event.jsonString()).append('\n');
            }
            return ResponseEntity.ok()
                    .headers(headers)
                    .contentType(MediaType.parseMediaType(NDJSON))
                    .body(body.toString());
        }
        List<JsonNode> events = new ArrayList<>(matched.size());
        for (StreamedEvent event : matched) {
            try {
                events.add(objectMapper.readTree(event.json()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ResponseEntity.ok()
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(new EventPage(events, next, more, scanned, frontier));
    }

    private static int count(String parameter, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new QueryParameterException(parameter, "a whole number, not '" + value + "'");
        }
    }
}
