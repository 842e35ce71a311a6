package org.diplomaticledger.states.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.TimePoint;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.states.projection.StateRegistry;
import org.diplomaticledger.states.projection.StateView;
import org.diplomaticledger.states.projection.StatesQueries;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The register of states: {@code GET /api/v1/states} and {@code GET /api/v1/states/{code}} (docs/states.md). */
@RestController
@Tag(
        name = "States",
        description = "The register of states: every state the ledger knows, the periods it existed, "
                + "its predecessors and its codes in other schemes (Correlates of War, Gleditsch-Ward)")
class StatesController {

    private static final String CODE = "The state's code in any form the register reads: ISO 3166-1 alpha-2 or alpha-3 "
            + "(`DE`, `DEU`), a former ISO code (`DD`, `DDR`, `CSHH`), a ledger code (`XBAV`) or a scheme code (`cow:245`, "
            + "`gw:265`); any letter case";

    private final Reads reads;
    private final StatesQueries queries;
    private final StateRegistry registry;

    StatesController(Reads reads, StatesQueries queries, StateRegistry registry) {
        this.reads = reads;
        this.queries = queries;
        this.registry = registry;
    }

    @Operation(
            operationId = "listStates",
            summary = "List the states of the register",
            description = "The states that existed on `asOf` (today by default), as the ledger knew them at `knownAt` "
                    + "(now by default); with `all=true` every state known, each marked `existing` or not on `asOf`. "
                    + "A JSON array sorted by code (no paging), or CSV (`Accept: text/csv`) with lists joined by `; ` "
                    + "and each period written `from/until`. Read from the register's own events, not a projection: "
                    + "there is nothing to wait for. See docs/states.md.\n\n" + ReadDocs.READ_ROLES,
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description =
                                    "The states, sorted by code (headers X-Ledger-As-Of and X-Ledger-Known-At: the point read)"))
    @GetMapping(
            path = "/api/v1/states",
            produces = {"application/json", "text/csv"})
    ResponseEntity<List<StateView>> list(
            @Parameter(description = "Every state known, not only those existing on asOf")
                    @RequestParam(required = false, defaultValue = "false")
                    boolean all,
            @Parameter(hidden = true) ReadPosition read) {
        TimePoint point = reads.point(read);
        return ResponseEntity.ok().headers(headers(point)).body(queries.list(point, all));
    }

    @Operation(
            operationId = "getState",
            summary = "One state of the register",
            description = "The state with this code (ISO alpha-2 or alpha-3, a former or ledger code, or a scheme code "
                    + "such as `cow:AUS`), as the ledger knew it at `knownAt`, marked `existing` or not on `asOf`. "
                    + "Read from the register's own events, not a projection. See docs/states.md.\n\n"
                    + ReadDocs.READ_ROLES,
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The state (headers X-Ledger-As-Of and X-Ledger-Known-At: the point read)",
                        content =
                                @Content(
                                        mediaType = "application/json",
                                        schema = @Schema(implementation = StateView.class))),
                @ApiResponse(
                        responseCode = "400",
                        description = "The code is not a code the register reads (field `code`), "
                                + "or a query parameter is malformed",
                        content = @Content(mediaType = "application/problem+json")),
                @ApiResponse(
                        responseCode = "404",
                        description = "The register held no state with this code at `knownAt`",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(path = "/api/v1/states/{code}", produces = "application/json")
    ResponseEntity<?> one(
            @Parameter(description = CODE, example = "DDR") @PathVariable String code,
            @Parameter(hidden = true) ReadPosition read) {
        TimePoint point = reads.point(read);
        var parsed = parse(code);
        return queries.one(parsed, point)
                .<ResponseEntity<?>>map(
                        view -> ResponseEntity.ok().headers(headers(point)).body(view))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                            HttpStatus.NOT_FOUND,
                            "the register holds no state " + parsed
                                    + (read != null && read.knownAt() != null
                                            ? " as known at " + point.knownAt()
                                            : ""));
                    problem.setTitle("Not found");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND)
                            .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                            .body(problem);
                });
    }

    private org.diplomaticledger.shared.CountryCode parse(String code) {
        try {
            return registry.parse(code);
        } catch (InvalidValueException e) {
            throw new InvalidValueException("code", e.getMessage());
        }
    }

    private static HttpHeaders headers(TimePoint point) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(TimePoint.AS_OF_HEADER, point.asOf().toString());
        headers.add(TimePoint.KNOWN_AT_HEADER, point.knownAt().toString());
        return headers;
    }
}
