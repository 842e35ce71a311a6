package org.diplomaticledger.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.talks.projection.TalksBoardProjection;
import org.diplomaticledger.talks.projection.TalksBoardQueries;
import org.diplomaticledger.talks.projection.TalksViews.StatusChange;
import org.diplomaticledger.talks.projection.TalksViews.TalksView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The talks page (docs/dashboard.md): the talks board in columns by status (scheduled, postponed, held, concluded,
 * cancelled), each round with its venue, scope, format, delegations and their heads, and its status history. The same
 * {@link TalksBoardQueries} as {@code GET /api/v1/talks} and {@code GET /api/v1/talks/{id}}, at the point in time the
 * URL names.
 */
@Hidden
@Controller
class TalksPageController {

    /** The board's columns: the statuses a round of talks can be in, in the order a round passes them. */
    static final List<String> COLUMNS = List.of("SCHEDULED", "POSTPONED", "HELD", "CONCLUDED", "CANCELLED");

    private final Reads reads;
    private final TalksBoardQueries talks;
    private final Clock clock;

    TalksPageController(Reads reads, TalksBoardQueries talks, Clock clock) {
        this.reads = reads;
        this.talks = talks;
        this.clock = clock;
    }

    /** One round on the board, with its status history. */
    record Card(TalksView talks, List<StatusChange> history) {

        /** The column it stands in: a rescheduled round is scheduled (for its new date). */
        String column() {
            return "RESCHEDULED".equals(talks.status()) ? "SCHEDULED" : talks.status();
        }

        public String venueText() {
            var venue = talks.venue();
            StringBuilder text = new StringBuilder();
            if (venue.place() != null) {
                text.append(venue.place()).append(", ");
            }
            text.append(venue.city()).append(" (").append(venue.country()).append(')');
            if (talks.thirdLocation()) {
                text.append(", a third country");
            }
            return text.toString();
        }

        public String format() {
            return Labels.words(talks.format());
        }

        public String status() {
            return Labels.words(talks.status());
        }

        public String outcome() {
            return talks.outcome() == null ? null : Labels.words(talks.outcome());
        }
    }

    /** One column of the board. */
    record Column(String status, String label, List<Card> cards) {}

    @GetMapping("/talks")
    String board(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String status,
            ReadPosition read,
            Model model) {
        CountryCode party = QueryParams.country("state", state);
        List<String> statuses = TalksBoardQueries.statuses(status);
        ReadView view = reads.await(TalksBoardProjection.NAME, read);
        List<TalksView> list = talks.list(
                        view,
                        new TalksBoardQueries.Filter(party, statuses, null, null, null, null),
                        PageQuery.of(
                                0,
                                PageQuery.MAX_SIZE,
                                null,
                                false,
                                TalksBoardQueries.SORTABLE,
                                "talks_date DESC, talks_id"))
                .items();
        Map<String, List<Card>> byColumn = new LinkedHashMap<>();
        COLUMNS.forEach(column -> byColumn.put(column, new ArrayList<>()));
        for (TalksView talksView : list) {
            // The history of each round, as GET /api/v1/talks/{id} answers it, read in the same view.
            List<StatusChange> history =
                    talks.one(view, talksView.talksId()).map(d -> d.history()).orElse(List.of());
            Card card = new Card(talksView, history);
            byColumn.computeIfAbsent(card.column(), k -> new ArrayList<>()).add(card);
        }
        List<Column> columns = byColumn.entrySet().stream()
                .map(e -> new Column(e.getKey(), Labels.words(e.getKey()), e.getValue()))
                .toList();
        LocalDate today = LocalDate.now(clock);
        int firstYear = list.stream()
                .map(TalksView::date)
                .filter(d -> d != null)
                .mapToInt(LocalDate::getYear)
                .min()
                .orElse(today.getYear() - 10);
        TimeControls time = TimeControls.of(read, today, firstYear);
        Map<String, String> extra = new LinkedHashMap<>();
        if (party != null) {
            extra.put("state", party.value());
        }
        if (status != null && !status.isBlank()) {
            extra.put("status", String.join(",", statuses));
        }
        model.addAttribute("time", time);
        model.addAttribute("path", "/talks");
        model.addAttribute("extraParams", extra);
        model.addAttribute("state", party == null ? null : party.value());
        model.addAttribute("columns", columns);
        model.addAttribute("total", list.size());
        return "talks";
    }
}
