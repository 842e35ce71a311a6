package org.diplomaticledger.presence.web;

import static org.springframework.http.HttpHeaders.ACCEPT;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.diplomaticledger.presence.projection.ExpulsionsProjection;
import org.diplomaticledger.presence.projection.ExpulsionsQueries;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionDetail;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionTrendRow;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionView;
import org.diplomaticledger.presence.projection.SuccessorReads;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Expulsions and reciprocity: {@code GET /api/v1/expulsions}, {@code GET /api/v1/expulsions/{expulsionId}} and the
 * per-year balance of a pair of states, {@code GET /api/v1/trends/expulsions}.
 */
@RestController
@Tag(
        name = "Expulsions",
        description = "Expulsions of diplomats, their departures and deadlines, and reciprocity between " + "states")
class ExpulsionsController {

    private final Reads reads;
    private final ExpulsionsQueries queries;
    private final SuccessorReads successors;
    private final Clock clock;

    ExpulsionsController(Reads reads, ExpulsionsQueries queries, SuccessorReads successors, Clock clock) {
        this.reads = reads;
        this.queries = queries;
        this.successors = successors;
        this.clock = clock;
    }

    @Operation(
            operationId = "listExpulsions",
            summary = "List expulsions of diplomats",
            description = """
            Which state expelled how many of another state's staff, when, with which deadline to leave, how many have \
            left, whether any are overdue, and which expulsion answered which. A state named by `by`, `against` or \
            `state` that continued another (a recorded `CONTINUATION`, docs/states.md#succession) answers for the \
            expulsions dated before that day with the other's, each marked `stateAsThen` (not in CSV, whose \
            `declaredBy` and `against` say the state as it was then).""" + ReadDocs.LIST_READ)
    @GetMapping(
            path = "/api/v1/expulsions",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<ExpulsionView>> list(
            @ParameterObject ExpulsionsParameters.Expulsions query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        ExpulsionsQueries.Filter filter = query.filter(read.day(query.on(), clock));
        PageQuery paging = query.paging(accept);
        return reads.answer(ExpulsionsProjection.NAME, read, view -> successors.expulsions(view, filter, paging));
    }

    @Operation(
            operationId = "getExpulsion",
            summary = "One expulsion with its departures",
            description = """
            One expulsion: who was expelled, by whom, the deadline, each recorded departure, and the expulsions it \
            answered or that answered it.""" + ReadDocs.READ,
            responses = {
                @ApiResponse(responseCode = "200", description = "OK"),
                @ApiResponse(
                        responseCode = "404",
                        description = "No expulsion with this id (in this presence) is recorded",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(path = "/api/v1/expulsions/{expulsionId}", produces = "application/json")
    ResponseEntity<ExpulsionDetail> one(
            @Parameter(
                            description = "The expulsion's id: who expelled how many, and when",
                            example = "us-expels-60-2018-03-26")
                    @PathVariable
                    String expulsionId,
            @Parameter(
                            description = "The presence (SENDING-RECEIVING) when the id alone is ambiguous",
                            example = "RU-US")
                    @RequestParam(required = false)
                    String presenceId,
            @Parameter(description = ReadDocs.ON, example = "2026-11-30") @RequestParam(required = false) LocalDate on,
            @Parameter(hidden = true) ReadPosition read) {
        String presence = presenceId == null || presenceId.isBlank()
                ? null
                : presenceId.trim().toUpperCase(Locale.ROOT);
        LocalDate day = read.day(on, clock);
        return reads.answer(
                ExpulsionsProjection.NAME,
                read,
                view -> queries.one(view, expulsionId, presence, day)
                        .orElseThrow(() -> new ResourceNotFound("no expulsion '" + expulsionId + "'"
                                + (presence == null ? "" : " in presence " + presence) + " is recorded")));
    }

    @Operation(
            operationId = "expulsionsTrend",
            summary = "Yearly balance of expulsions between two states",
            description = """
            Year by year, how many of B's staff A expelled (aToB), how many of A's staff B expelled (bToA), the balance \
            and the number of expulsions each declared. Without `stateA`/`stateB`, every pair. A state of the pair that \
            continued another (a recorded `CONTINUATION`, docs/states.md#succession) answers for the expulsions dated \
            before that day with the other's; a year some of whose days the other answers for is marked `stateAsThen` \
            (not in CSV).""" + ReadDocs.LIST_READ)
    @GetMapping(
            path = "/api/v1/trends/expulsions",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<ExpulsionTrendRow>> trends(
            @ParameterObject ExpulsionsParameters.Trend query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        PageQuery paging = query.paging(accept);
        return reads.answer(
                ExpulsionsProjection.NAME,
                read,
                view -> successors.expulsionTrends(
                        view, query.stateA(), query.stateB(), query.from(), query.to(), paging));
    }
}
