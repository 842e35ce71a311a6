package org.diplomaticledger.talks.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.ReadDocs;
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
@Tag(name = "Talks", description = "The talks board: rounds of talks between states, their venue, format, delegations, "
        + "status history and outcome")
class TalksController {

    private final Reads reads;
    private final TalksBoardQueries queries;

    TalksController(Reads reads, TalksBoardQueries queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(operationId = "listTalks", summary = "List talks between states",
            description = "Which talks were scheduled, held, postponed, concluded or cancelled, between which states, where "
                    + "and when: one item per round of talks, newest first, filtered by party, status, date, format and "
                    + "venue." + ReadDocs.LIST_READ,
            responses = @ApiResponse(responseCode = "200", description = "A page of talks (header X-Ledger-Position: the position it reflects)"))
    @GetMapping(path = "/api/v1/talks", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<TalksView>> list(@Parameter(description = "Only talks this state is a party to (ISO 3166 alpha-2)", example = "RU")
                                         @RequestParam(required = false) String state,
                                         @Parameter(description = "Only talks in these statuses, comma-separated: SCHEDULED, RESCHEDULED, "
                                                 + "POSTPONED, HELD, CONCLUDED, CANCELLED", example = "HELD,CONCLUDED")
                                         @RequestParam(required = false) String status,
                                         @Parameter(description = "Only talks on or after this day (ISO date)", example = "2025-01-01")
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @Parameter(description = "Only talks on or before this day (ISO date)", example = "2025-12-31")
                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                         @Parameter(description = "Only talks in this format, e.g. DIPLOMATS_ONLY", example = "DIPLOMATS_ONLY")
                                         @RequestParam(required = false) String format,
                                         @Parameter(description = "Only talks held in this country (ISO 3166 alpha-2)", example = "TR")
                                         @RequestParam(required = false) String venueCountry,
                                         @Parameter(description = ReadDocs.PAGE, example = "0")
                                         @RequestParam(required = false) Integer page,
                                         @Parameter(description = ReadDocs.SIZE, example = "20")
                                         @RequestParam(required = false) Integer size,
                                         @Parameter(description = "Sort by date, status, talksId, title or venueCountry; `,desc` reverses "
                                                 + "(default: newest first)", example = "date,desc")
                                         @RequestParam(required = false) String sort,
                                         @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                         @Parameter(hidden = true) ReadPosition read) {
        TalksBoardQueries.Filter filter = new TalksBoardQueries.Filter(QueryParams.country("state", state),
                TalksBoardQueries.statuses(status), from, to,
                java.util.Optional.ofNullable(QueryParams.enumValue("format", format, org.diplomaticledger.talks.api.TalksFormat.class)).map(Enum::name).orElse(null),
                QueryParams.country("venueCountry", venueCountry));
        if (from != null && to != null && from.isAfter(to)) {
            throw new org.diplomaticledger.projection.QueryParameterException("from", "comes after to");
        }
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), TalksBoardQueries.SORTABLE,
                "talks_date DESC, talks_id");
        return reads.answer(TalksBoardProjection.NAME, read, snapshot -> queries.list(snapshot, filter, paging));
    }

    @Operation(operationId = "getTalks", summary = "One round of talks with its history",
            description = "Everything the board knows of one round of talks: parties, venue, format, delegations, outcome, "
                    + "and the history of its statuses with the source of each." + ReadDocs.READ,
            responses = {
                    @ApiResponse(responseCode = "200", description = "The talks and their status history"),
                    @ApiResponse(responseCode = "404", description = "No talks with this id on the board",
                            content = @Content(mediaType = "application/problem+json"))})
    @GetMapping(path = "/api/v1/talks/{talksId}", produces = "application/json")
    ResponseEntity<TalksDetail> one(@Parameter(description = "The talks' id: venue city and date, as in the list", example = "istanbul-2025-04-10")
                                    @PathVariable String talksId,
                                    @Parameter(hidden = true) ReadPosition read) {
        return reads.answer(TalksBoardProjection.NAME, read, snapshot -> queries.one(snapshot, talksId)
                .orElseThrow(() -> new ResourceNotFound("no talks '" + talksId + "' on the board")));
    }
}
