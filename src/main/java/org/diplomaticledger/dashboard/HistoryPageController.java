package org.diplomaticledger.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.diplomaticledger.history.HistoryQueries;
import org.diplomaticledger.history.HistoryQueries.History;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.relations.api.RelationsId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The history page (AUDITOR, ADMIN; docs/dashboard.md): any record's events in ledger order, each with its effective
 * date, recorded time, actor and source, and beside it every correction and retraction of it. It reads the same
 * {@link HistoryQueries} as {@code GET /api/v1/…/history}; {@code knownAt} shows the record as the ledger stood then
 * (later events, corrections and retractions left out).
 */
@Hidden
@Controller
class HistoryPageController {

    /** Upper-case ids of two parts are presences ({@code RU-US}); of more, missions. Talks ids are lower-case. */
    private static final Pattern PRESENCE = Pattern.compile("^[A-Z]{2,8}-[A-Z]{2,8}$");

    private static final Pattern UPPER = Pattern.compile("^[A-Z0-9-]+$");
    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm:ss 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final HistoryQueries histories;
    private final Clock clock;

    HistoryPageController(HistoryQueries histories, Clock clock) {
        this.histories = histories;
        this.clock = clock;
    }

    @GetMapping("/history")
    String history(
            @RequestParam(required = false) String record,
            @RequestParam(required = false) Integer page,
            ReadPosition read,
            Model model) {
        LocalDate today = LocalDate.now(clock);
        TimeControls time = TimeControls.of(read, today, today.getYear() - 10);
        model.addAttribute("time", time);
        model.addAttribute("path", "/history");
        model.addAttribute(
                "standing",
                read.knownAt() == null
                        ? "As the ledger stands now."
                        : "As the ledger stood on " + INSTANT.format(read.knownAt())
                                + ": what was recorded later is not shown.");
        model.addAttribute("record", record == null ? "" : record.trim());
        if (record == null || record.isBlank()) {
            return "history";
        }
        String id = record.trim();
        History history;
        if (id.contains("/")) {
            String[] states = id.split("/", -1);
            if (states.length != 2) {
                throw new QueryParameterException(
                        "record", "a presence is two states, sending/receiving, not '" + id + "'");
            }
            id = PresenceIds.presence(
                    QueryParams.country("record", states[0]), QueryParams.country("record", states[1]));
            history = histories.record(id, page, null, read.knownAt());
        } else if (!UPPER.matcher(id).matches()) {
            // Talks: their ids are lower-case (an upper-case id belongs to a presence, mission or relations).
            history = histories.record(id, page, null, read.knownAt());
        } else if (id.startsWith(RelationsId.PREFIX)) {
            String[] states = id.substring(RelationsId.PREFIX.length()).split("-", -1);
            if (states.length != 2) {
                throw new QueryParameterException(
                        "record", "relations are RELATIONS- and two states, not '" + id + "'");
            }
            id = RelationsId.of(QueryParams.country("record", states[0]), QueryParams.country("record", states[1]));
            history = histories.record(id, page, null, read.knownAt());
        } else if (PRESENCE.matcher(id).matches()) {
            id = PresenceIds.presence(
                    QueryParams.country("record", PresenceIds.sendingOf(id)),
                    QueryParams.country("record", PresenceIds.receivingOf(id)));
            history = histories.record(id, page, null, read.knownAt());
        } else {
            history = histories.mission(id, page, null, false, read.knownAt());
        }
        model.addAttribute("record", id);
        model.addAttribute("extraParams", Map.of("record", id));
        model.addAttribute("history", HistoryPage.of(history, id));
        return "history";
    }
}
