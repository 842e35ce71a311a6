package org.diplomaticledger.relations.web;

import static org.springframework.http.HttpHeaders.ACCEPT;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.relations.projection.RelationsProjection;
import org.diplomaticledger.relations.projection.RelationsQueries;
import org.diplomaticledger.relations.projection.RelationsViews.RelationsDetail;
import org.diplomaticledger.relations.projection.RelationsViews.RelationsView;
import org.diplomaticledger.shared.CountryCode;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The level of relations: {@code GET /api/v1/relations} and {@code GET /api/v1/relations/{a}/{b}}. */
@RestController
@Tag(
        name = "Relations",
        description = "The level of diplomatic relations between two states: full, downgraded, severed "
                + "or restored, since when, who initiated it, the protecting powers while severed, and every change")
class RelationsController {

    private final Reads reads;
    private final RelationsQueries queries;

    RelationsController(Reads reads, RelationsQueries queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(
            operationId = "listRelations",
            summary = "List the level of relations between states",
            description = "One item per pair of states the ledger knows a level for: the level in force on `asOf` "
                    + "(today by default), since when, who initiated it and the protecting powers while severed. "
                    + "Filtered by a state on either side, by a pair (`a` and `b`, in any order) and by level. A "
                    + "state named that continued another (a recorded `CONTINUATION`, docs/states.md#succession) "
                    + "answers for `asOf` before that day with the other's pairs, and from that day on with its own "
                    + "and the other's pairs with the states it has none with, each of the other's marked "
                    + "`stateAsThen` (not in CSV, whose `stateA` and `stateB` say the state as it was then)."
                    + ReadDocs.LIST_READ,
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "A page of relations (header X-Ledger-Position: the position it reflects)"))
    @GetMapping(
            path = "/api/v1/relations",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<RelationsView>> list(
            @ParameterObject RelationsParameters query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        RelationsQueries.Filter filter = query.filter();
        PageQuery paging = query.paging(accept);
        return reads.answer(RelationsProjection.NAME, read, view -> queries.list(view, filter, paging));
    }

    @Operation(
            operationId = "getRelations",
            summary = "The relations between two states with their history",
            description = "The level of relations between `a` and `b` (in any order) in force on `asOf`, with every "
                    + "change of level up to that day (effective order), each with who initiated it, the protecting "
                    + "powers and its source. When either state continued another (a recorded `CONTINUATION`, "
                    + "docs/states.md#succession) and `asOf` is before that day, the answer is the predecessor's pair, "
                    + "marked `stateAsThen`: a read of `RU`-`US` as of 1985 gives `SU`-`US`. From that day on, the "
                    + "successor's pair, its history led by the predecessor's changes before the day, each marked "
                    + "`stateAsThen`; while no change of the successor's own pair is recorded, the predecessor's "
                    + "pair, marked, carries on." + ReadDocs.READ,
            responses = {
                @ApiResponse(responseCode = "200", description = "The pair and its history of changes"),
                @ApiResponse(
                        responseCode = "404",
                        description = "The ledger knows no level of relations between the two states (on that day)",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(path = "/api/v1/relations/{a}/{b}", produces = "application/json")
    ResponseEntity<RelationsDetail> one(
            @Parameter(description = "One state (ISO 3166 alpha-2 or alpha-3)", example = "ER") @PathVariable String a,
            @Parameter(description = "The other state, in any order", example = "DJ") @PathVariable String b,
            @Parameter(hidden = true) ReadPosition read) {
        CountryCode first = QueryParams.requiredCountry("a", a);
        CountryCode second = QueryParams.requiredCountry("b", b);
        if (first.equals(second)) {
            throw new QueryParameterException("b", "names the same state as a; relations are between two states");
        }
        return reads.answer(
                RelationsProjection.NAME,
                read,
                view -> queries.one(view, first, second)
                        .orElseThrow(() -> new ResourceNotFound(
                                "no relations between " + first.value() + " and " + second.value() + " in the ledger"
                                        + (read != null && read.asOf() != null ? " on " + read.asOf() : ""))));
    }
}
