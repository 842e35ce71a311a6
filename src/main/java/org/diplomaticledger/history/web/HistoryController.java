package org.diplomaticledger.history.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.history.HistoryQueries;
import org.diplomaticledger.history.HistoryQueries.History;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Every event that touched a presence, a mission or talks, with its corrections: for auditors, and clerks correcting. */
@RestController
@Tag(name = "History", description = "The full, corrected history of a presence, a mission or talks, read from the ledger itself")
@ApiResponse(responseCode = "401", description = "No or wrong credentials", content = @Content(mediaType = "application/problem+json",
        examples = @ExampleObject(name = "unauthenticated", value = HistoryController.PROBLEM_401)))
@ApiResponse(responseCode = "403", description = "The user lacks the role CLERK, AUDITOR or ADMIN", content = @Content(
        mediaType = "application/problem+json", examples = @ExampleObject(name = "forbidden", value = HistoryController.PROBLEM_403)))
@ApiResponse(responseCode = "404", description = "The ledger holds nothing about the id", content = @Content(
        mediaType = "application/problem+json", examples = @ExampleObject(name = "not-found", value = HistoryController.PROBLEM_404)))
class HistoryController {

    static final String PROBLEM_401 = """
            {"type":"urn:diplomatic-ledger:problem:unauthenticated","title":"Unauthenticated","status":401,\
            "detail":"Full authentication is required to access this resource","instance":"/api/v1/presences/RU/US/history"}""";
    static final String PROBLEM_403 = """
            {"type":"urn:diplomatic-ledger:problem:forbidden","title":"Forbidden","status":403,\
            "detail":"Access Denied","instance":"/api/v1/presences/RU/US/history"}""";
    static final String PROBLEM_404 = """
            {"type":"urn:diplomatic-ledger:problem:not-found","title":"Not found","status":404,\
            "detail":"the ledger holds no talks geneva-2031","instance":"/api/v1/talks/geneva-2031/history"}""";

    private static final String DESCRIPTION = "Every event as the ledger recorded it, in ledger order: its position, id, "
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
            + "columns of their own); `size` then defaults to, and may be up to, 100000.\n\nNeeds the role CLERK (who finds here the event id a "
            + "correction names), AUDITOR or ADMIN (HTTP Basic).";

    private static final String EXAMPLE = """
            {"subject":"presence RU-US","aggregateId":"RU-US","items":[\
            {"position":12,"eventId":"6f1c…","type":"DiplomatExpelled","sequenceNumber":7,"effectiveDate":"2016-12-29",\
            "recordedAt":"2026-11-30T09:00:00.123Z","actor":"clerk","source":{"text":"US State Department"},\
            "correlationId":"c0ffee…","command":"ExpelDiplomat","commandId":"a1…",\
            "payload":{"presenceId":"RU-US","expulsionId":"us-expels-35-2016-12-29","count":36,"effectiveDate":"2016-12-29","source":{"text":"US State Department"}},\
            "status":"CORRECTED","current":{"presenceId":"RU-US","expulsionId":"us-expels-35-2016-12-29","count":35,"effectiveDate":"2016-12-29","source":{"text":"State Department transcript"}},\
            "currentSetBy":{"position":95,"eventId":"9d2e…","type":"EntryCorrected","recordedAt":"2026-11-30T10:00:00Z","actor":"clerk",\
            "source":{"text":"State Department transcript"},"reason":"the briefing said 35"},\
            "original":{"payload":{"presenceId":"RU-US","expulsionId":"us-expels-35-2016-12-29","count":36,"effectiveDate":"2016-12-29","source":{"text":"US State Department"}},\
            "source":{"text":"US State Department"},"actor":"clerk","recordedAt":"2026-11-30T09:00:00.123Z"},\
            "corrections":[{"position":95,"eventId":"9d2e…","type":"EntryCorrected","recordedAt":"2026-11-30T10:00:00Z",\
            "actor":"clerk","correlationId":"beef…","reason":"the briefing said 35","source":{"text":"State Department transcript"},\
            "corrected":{"presenceId":"RU-US","expulsionId":"us-expels-35-2016-12-29","count":35,"effectiveDate":"2016-12-29","source":{"text":"US State Department"}}}]}],\
            "page":0,"size":100,"total":1}""";

    private static final String CSV_EXAMPLE = """
            position,eventId,type,sequenceNumber,effectiveDate,recordedAt,actor,source,sourceUrl,correlationId,command,commandId,status,revises,currentSetByEventId,currentSetByType,currentSetByActor,currentSetByRecordedAt,currentSource,currentSourceUrl,reason,payload,current
            12,6f1c…,DiplomatExpelled,7,2016-12-29,2026-11-30T09:00:00.123Z,clerk,US State Department,,c0ffee…,ExpelDiplomat,a1…,CORRECTED,,9d2e…,EntryCorrected,clerk,2026-11-30T10:00:00Z,State Department transcript,,the briefing said 35,"{""count"":36,…}","{""count"":35,…}"
            """;

    private final HistoryQueries queries;

    HistoryController(HistoryQueries queries) {
        this.queries = queries;
    }

    @Operation(operationId = "presenceHistory", summary = "The full history of a state's presence in another",
            description = "Everything recorded about the sending state's presence in the receiving state: missions, staff, "
                    + "expulsions, ceilings, heads of mission.\n\n" + DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "A page of the history",
                    content = {@Content(mediaType = "application/json", examples = @ExampleObject(name = "history", value = EXAMPLE)),
                            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))}))
    @GetMapping(path = "/api/v1/presences/{sending}/{receiving}/history", produces = {"application/json", "text/csv"})
    History presence(@Parameter(description = "The sending state (ISO 3166 alpha-2 or alpha-3)", example = "RU")
                     @PathVariable("sending") String sendingState,
                     @Parameter(description = "The receiving state (ISO 3166 alpha-2 or alpha-3)", example = "US")
                     @PathVariable("receiving") String receivingState,
                     @Parameter(description = "Page number, from 0", example = "0") @RequestParam(required = false) Integer page,
                     @Parameter(description = "Events per page, 1 to 1000 (100 by default; with Accept: text/csv up to 100000, all by default)", example = "100")
                     @RequestParam(required = false) Integer size,
                     @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        CountryCode sending = QueryParams.country("sendingState", sendingState);
        CountryCode receiving = QueryParams.country("receivingState", receivingState);
        return queries.presence(sending + "-" + receiving, page, size, QueryParams.wantsCsv(accept));
    }

    @Operation(operationId = "missionHistory", summary = "The full history of a mission",
            description = "Every event of the mission's presence that names the mission: its opening, suspension and "
                    + "closure, its staff, expulsions from it, ceilings on it, its heads.\n\n" + DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "A page of the history",
                    content = {@Content(mediaType = "application/json", examples = @ExampleObject(name = "history", value = EXAMPLE)),
                            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))}))
    @GetMapping(path = "/api/v1/missions/{missionId}/history", produces = {"application/json", "text/csv"})
    History mission(@Parameter(description = "The mission id, as OpenMission answered it", example = "RU-US-EMBASSY-WASHINGTON")
                    @PathVariable String missionId,
                    @Parameter(description = "Page number, from 0", example = "0") @RequestParam(required = false) Integer page,
                    @Parameter(description = "Events per page, 1 to 1000 (100 by default; with Accept: text/csv up to 100000, all by default)", example = "100")
                    @RequestParam(required = false) Integer size,
                    @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return queries.mission(missionId, page, size, QueryParams.wantsCsv(accept));
    }

    @Operation(operationId = "talksHistory", summary = "The full history of a round of talks",
            description = "Every event of the talks: scheduling, delegations, postponements, holding, conclusion.\n\n"
                    + DESCRIPTION,
            responses = @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "A page of the history",
                    content = {@Content(mediaType = "application/json", examples = @ExampleObject(name = "history", value = EXAMPLE)),
                            @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = CSV_EXAMPLE))}))
    @GetMapping(path = "/api/v1/talks/{talksId}/history", produces = {"application/json", "text/csv"})
    History talks(@Parameter(description = "The talks id", example = "istanbul-2025-04-10") @PathVariable String talksId,
                  @Parameter(description = "Page number, from 0", example = "0") @RequestParam(required = false) Integer page,
                  @Parameter(description = "Events per page, 1 to 1000 (100 by default; with Accept: text/csv up to 100000, all by default)", example = "100")
                  @RequestParam(required = false) Integer size,
                  @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return queries.talks(talksId, page, size, QueryParams.wantsCsv(accept));
    }
}
