package org.diplomaticledger.talks.web;

import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.talks.projection.TalksBoardProjection;
import org.diplomaticledger.talks.projection.TalksBoardQueries;
import org.diplomaticledger.talks.projection.TalksViews.TalksDetail;
import org.diplomaticledger.talks.projection.TalksViews.TalksView;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;

/** The talks board: {@code GET /api/v1/talks} and {@code GET /api/v1/talks/{id}}. */
@RestController
class TalksController {

    private final Reads reads;
    private final TalksBoardQueries queries;

    TalksController(Reads reads, TalksBoardQueries queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/talks", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<TalksView>> list(@RequestParam(required = false) String state,
                                         @RequestParam(required = false) String status,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @RequestParam(required = false) String format,
                                         @RequestParam(required = false) String venueCountry,
                                         @RequestParam(required = false) Integer page,
                                         @RequestParam(required = false) Integer size,
                                         @RequestParam(required = false) String sort,
                                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                         ReadPosition read) {
        TalksBoardQueries.Filter filter = new TalksBoardQueries.Filter(QueryParams.country("state", state),
                TalksBoardQueries.statuses(status), from, to, format, QueryParams.country("venueCountry", venueCountry));
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), TalksBoardQueries.SORTABLE,
                "talks_date DESC, talks_id");
        return reads.answer(TalksBoardProjection.NAME, read, snapshot -> queries.list(snapshot, filter, paging));
    }

    @GetMapping(path = "/api/v1/talks/{talksId}", produces = "application/json")
    ResponseEntity<TalksDetail> one(@PathVariable String talksId, ReadPosition read) {
        return reads.answer(TalksBoardProjection.NAME, read, snapshot -> queries.one(snapshot, talksId)
                .orElseThrow(() -> new ResourceNotFound("no talks '" + talksId + "' on the board")));
    }
}
