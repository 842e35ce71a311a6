package org.diplomaticledger.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.TreeSet;
import org.diplomaticledger.stream.EventFilter;
import org.diplomaticledger.stream.LedgerTail;
import org.diplomaticledger.stream.SseStreams;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The live feed (INTEGRATOR, AUDITOR, ADMIN; docs/dashboard.md): the ledger's events as they are written, filtered
 * by state and type, each openable as its CloudEvent. The browser has a session, not HTTP Basic, so the stream is
 * served on a page path, {@code /feed/events}, by the API's own {@link SseStreams}: the same CloudEvents, filters and
 * resumption ({@code Last-Event-ID}, which EventSource sends when it reconnects) as {@code GET /api/v1/stream}.
 */
@Hidden
@Controller
class FeedPageController {

    private final SseStreams streams;
    private final LedgerTail tail;

    FeedPageController(SseStreams streams, LedgerTail tail) {
        this.streams = streams;
        this.tail = tail;
    }

    @GetMapping("/feed")
    String feed(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) List<String> type,
            Model model) {
        EventFilter filter = streams.filter(type, state, null); // a bad parameter: the page says which
        long after = tail.frontier(); // the feed shows what is written from now on
        UriComponentsBuilder source =
                UriComponentsBuilder.fromPath("/feed/events").queryParam("after", after);
        if (filter.state() != null) {
            source.queryParam("state", filter.state());
        }
        filter.types().forEach(t -> source.queryParam("type", t));
        model.addAttribute("state", filter.state());
        model.addAttribute("types", new TreeSet<>(streams.typeNames()));
        model.addAttribute("chosen", filter.types());
        model.addAttribute("after", after);
        model.addAttribute("source", source.encode().build().toUriString());
        return "feed";
    }

    /** The stream behind the page: {@code after} to start, {@code Last-Event-ID} to resume, as the API's. */
    @GetMapping(value = "/feed/events", produces = "text/event-stream")
    void events(
            @RequestParam(required = false) String after,
            @RequestParam(required = false) List<String> type,
            @RequestParam(required = false) String state,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        streams.open(request, response, SseStreams.start(lastEventId, after), streams.filter(type, state, null));
    }
}
