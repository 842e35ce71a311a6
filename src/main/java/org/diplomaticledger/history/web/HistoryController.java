package org.diplomaticledger.history.web;

import static org.springframework.http.HttpHeaders.ACCEPT;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.history.HistoryQueries;
import org.diplomaticledger.history.HistoryQueries.History;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.shared.CountryCode;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Every event that touched a presence, a mission or talks, with its corrections: for auditors, and clerks correcting. */
@RestController
@Tag(
        name = "History",
        description = "The full, corrected history of a presence, a mission or talks, read from the ledger " + "itself")
@ApiResponse(
        responseCode = "403",
        description = "The user lacks the role CLERK, AUDITOR or ADMIN",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(
        responseCode = "404",
        description = "The ledger holds nothing about the id",
        content = @Content(mediaType = "application/problem+json"))
class HistoryController {

    private static final String DESCRIPTION =
            "Every event as the ledger recorded it, in ledger order: its position, id, "
                    + "type, effective date, recorded time (`recordedAt`), actor, source, correlation id, command and payload. "
                    + "An event later corrected or retracted lists those revisions under `corrections` (who, when, why, and the "
                    + "corrected payload) and has `status` CORRECTED or RETRACTED, with `current` the payload that holds now "
                    + "(null once retracted), read with the correction's source (unless the correction corrected the source "
                    + "itself); `currentSetBy` is the provenance of the value shown (the event itself, or its latest correction or "
                    + "retraction: who recorded it, when, on whose report, why) and `original` the payload as first recorded with "
                    + "its own source and actor. The corrections and retractions also appear in their own place, with `status` "
                    + "REVISION and `revises` naming the event. Read from the event table by aggregate id, never from a "
                    + "projection, so it is complete the moment a command is answered.\n\nPaged: `page` from 0, `size` 1 to "
                    + "1000 (100 by default), `total` events.\n\n`Accept: text/csv` answers the same entries as CSV, one row per "
                    + "event (the recorded and current payloads as JSON text, the current value's source and who set it in "
                    + "columns of their own); `size` then defaults to, and may be up to, 100000.\n\nNeeds the role CLERK (who finds "
                    + "here the event id a correction names), AUDITOR or ADMIN (HTTP Basic).";

    private final HistoryQueries queries;

    HistoryController(HistoryQueries queries) {
        this.queries = queries;
    }

    @Operation(
            operationId = "presenceHistory",
            summary = "The full history of a state's presence in another",
            description =
                    "Everything recorded about the sending state's presence in the receiving state: missions, staff, "
                            + "expulsions, ceilings, heads of mission.\n\n" + DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", description = "A page of the history"))
    @GetMapping(
            path = "/api/v1/presences/{sending}/{receiving}/history",
            produces = {"application/json", "text/csv"})
    History presence(
            @Parameter(description = "The sending state (ISO 3166 alpha-2 or alpha-3)", example = "RU")
                    @PathVariable("sending")
                    String sendingState,
            @Parameter(description = "The receiving state (ISO 3166 alpha-2 or alpha-3)", example = "US")
                    @PathVariable("receiving")
                    String receivingState,
            @ParameterObject HistoryPage paging,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept) {
        CountryCode sending = QueryParams.country("sendingState", sendingState);
        CountryCode receiving = QueryParams.country("receivingState", receivingState);
        return queries.presence(sending + "-" + receiving, paging.page(), paging.size(), QueryParams.wantsCsv(accept));
    }

    @Operation(
            operationId = "missionHistory",
            summary = "The full history of a mission",
            description = "Every event of the mission's presence that names the mission: its opening, suspension and "
                    + "closure, its staff, expulsions from it, ceilings on it, its heads.\n\n" + DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", description = "A page of the history"))
    @GetMapping(
            path = "/api/v1/missions/{missionId}/history",
            produces = {"application/json", "text/csv"})
    History mission(
            @Parameter(description = "The mission id, as OpenMission answered it", example = "RU-US-EMBASSY-WASHINGTON")
                    @PathVariable
                    String missionId,
            @ParameterObject HistoryPage paging,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept) {
        return queries.mission(missionId, paging.page(), paging.size(), QueryParams.wantsCsv(accept));
    }

    @Operation(
            operationId = "talksHistory",
            summary = "The full history of a round of talks",
            description = "Every event of the talks: scheduling, delegations, postponements, holding, conclusion.\n\n"
                    + DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", description = "A page of the history"))
    @GetMapping(
            path = "/api/v1/talks/{talksId}/history",
            produces = {"application/json", "text/csv"})
    History talks(
            @Parameter(description = "The talks id", example = "istanbul-2025-04-10") @PathVariable String talksId,
            @ParameterObject HistoryPage paging,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept) {
        return queries.talks(talksId, paging.page(), paging.size(), QueryParams.wantsCsv(accept));
    }
}
