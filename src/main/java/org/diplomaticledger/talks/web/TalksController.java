package org.diplomaticledger.talks.web;

import static org.springframework.http.HttpHeaders.ACCEPT;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.talks.projection.TalksBoardProjection;
import org.diplomaticledger.talks.projection.TalksBoardQueries;
import org.diplomaticledger.talks.projection.TalksViews.TalksDetail;
import org.diplomaticledger.talks.projection.TalksViews.TalksView;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The talks board: {@code GET /api/v1/talks} and {@code GET /api/v1/talks/{id}}. */
@RestController
@Tag(
        name = "Talks",
        description = "The talks board: rounds of talks between states, their venue, format, delegations, "
                + "status history and outcome")
class TalksController {

    private final Reads reads;
    private final TalksBoardQueries queries;

    TalksController(Reads reads, TalksBoardQueries queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(
            operationId = "listTalks",
            summary = "List talks between states",
            description =
                    "Which talks were scheduled, held, postponed, concluded or cancelled, between which states, where "
                            + "and when: one item per round of talks, newest first, filtered by party, status, date, format and "
                            + "venue." + ReadDocs.LIST_READ,
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "A page of talks (header X-Ledger-Position: the position it reflects)"))
    @GetMapping(
            path = "/api/v1/talks",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<TalksView>> list(
            @ParameterObject TalksParameters query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        TalksBoardQueries.Filter filter = query.filter();
        PageQuery paging = query.paging(accept);
        return reads.answer(TalksBoardProjection.NAME, read, view -> queries.list(view, filter, paging));
    }

    @Operation(
            operationId = "getTalks",
            summary = "One round of talks with its history",
            description =
                    "Everything the board knows of one round of talks: parties, venue, format, delegations, outcome, "
                            + "and the history of its statuses with the source of each." + ReadDocs.READ,
            responses = {
                @ApiResponse(responseCode = "200", description = "The talks and their status history"),
                @ApiResponse(
                        responseCode = "404",
                        description = "No talks with this id on the board",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(path = "/api/v1/talks/{talksId}", produces = "application/json")
    ResponseEntity<TalksDetail> one(
            @Parameter(
                            description = "The talks' id: venue city and date, as in the list",
                            example = "istanbul-2025-04-10")
                    @PathVariable
                    String talksId,
            @Parameter(hidden = true) ReadPosition read) {
        return reads.answer(
                TalksBoardProjection.NAME,
                read,
                view -> queries.one(view, talksId)
                        .orElseThrow(() -> new ResourceNotFound("no talks '" + talksId + "' on the board")));
    }
}
