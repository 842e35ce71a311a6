package org.diplomaticledger.presence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.presence.projection.HeadsOfMissionProjection;
import org.diplomaticledger.presence.projection.HeadsOfMissionQueries;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadsDetail;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.TenureView;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Locale;

/**
 * Heads of mission: {@code GET /api/v1/heads-of-mission} (who heads each mission now),
 * {@code GET /api/v1/heads-of-mission/{missionId}} (its tenures, chargés d'affaires a.i. and vacancies) and
 * {@code GET /api/v1/heads-of-mission/tenures} (every tenure, flat).
 */
@RestController
@Tag(name = "Heads of mission", description = "Who heads each embassy and permanent mission: ambassadors, chargés d'affaires a.i., their tenures and the vacancies between them")
class HeadsOfMissionController {

    private final Reads reads;
    private final HeadsOfMissionQueries queries;
    private final java.time.Clock clock;

    HeadsOfMissionController(Reads reads, HeadsOfMissionQueries queries, java.time.Clock clock) {
        this.clock = clock;
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(operationId = "listHeadsOfMission", summary = "Who heads each mission",
            description = "For each embassy and permanent mission: who heads it on the day `on` (ambassador, or chargé d'affaires a.i.), since when, or since when it is vacant." + "\n\n" + ReadDocs.LIST + "\n\n" + ReadDocs.READ_YOUR_WRITES + "\n\n" + ReadDocs.READ_ROLES,
            responses = {
                    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "OK",
                            content = {@Content(mediaType = "application/json", examples = @ExampleObject(name = "heads", value = "{\"items\":[{\"missionId\":\"RU-US-EMBASSY-WASHINGTON\",\"sendingState\":\"RU\",\"receivingState\":\"US\",\"kind\":\"EMBASSY\",\"city\":\"Washington\",\"missionName\":\"Embassy of the Russian Federation in Washington\",\"missionStatus\":\"OPEN\",\"missionStatusSince\":\"1991-12-25\",\"current\":{\"personId\":\"alexander-darchiev\",\"name\":\"Alexander Darchiev\",\"headClass\":\"AMBASSADOR\",\"since\":\"2025-03-27\",\"status\":\"IN_OFFICE\"},\"vacant\":false,\"lastRecordedAt\":\"2026-11-30T17:05:15.441Z\"}],\"page\":0,\"size\":1,\"total\":2,\"position\":81}")),
                                    @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = "missionId,sendingState,receivingState,kind,city,organisation,missionName,missionStatus,missionStatusSince,current.personId,current.name,current.headClass,current.since,current.status,actingForPersonId,vacant,vacantSince,vacantDays,lastRecordedAt,corrected.at,corrected.by,corrected.reason,corrected.source.text,corrected.source.url,corrected.eventId,corrected.correctsEventId\nRU-US-EMBASSY-WASHINGTON,RU,US,EMBASSY,Washington,,Embassy of the Russian Federation in Washington,OPEN,1991-12-25,alexander-darchiev,Alexander Darchiev,AMBASSADOR,2025-03-27,IN_OFFICE,,false,,,2026-11-30T17:05:15.441Z,,,,,,,\n"))}),
                    @ApiResponse(responseCode = "400", description = ReadDocs.BAD_QUERY, content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid-query", value = ReadDocs.PROBLEM_400)))})
    @GetMapping(path = "/api/v1/heads-of-mission", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<MissionHeadView>> missions(@Parameter(description = "Only missions of this sending state (ISO 3166 alpha-2)", example = "RU") @RequestParam(required = false) String sending,
                                                   @Parameter(description = "Only missions in this receiving state (ISO 3166 alpha-2)", example = "US") @RequestParam(required = false) String receiving,
                                                   @Parameter(description = "Only missions where this state sends or receives (ISO 3166 alpha-2)", example = "US") @RequestParam(required = false) String state,
                                                   @Parameter(description = "Only this mission", example = "RU-US-EMBASSY-WASHINGTON") @RequestParam(required = false) String missionId,
                                                   @Parameter(description = "Only vacant (true) or filled (false) posts", example = "false") @RequestParam(required = false) String vacant,
                                                   @Parameter(description = "The day deadlines and vacancies are counted against (ISO date); asOf, else today, by default", example = "2026-11-30") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                   @Parameter(description = ReadDocs.PAGE, example = "0") @RequestParam(required = false) Integer page,
                                                   @Parameter(description = ReadDocs.SIZE, example = "20") @RequestParam(required = false) Integer size,
                                                   @Parameter(description = "Sort by missionId, sending, receiving, since or name; `,desc` reverses (default: missionId)", example = "since,desc") @RequestParam(required = false) String sort,
                                                   @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                   @Parameter(hidden = true) ReadPosition read) {
        HeadsOfMissionQueries.MissionFilter filter = new HeadsOfMissionQueries.MissionFilter(
                QueryParams.country("sending", sending), QueryParams.country("receiving", receiving),
                QueryParams.country("state", state), blankToNull(missionId), QueryParams.bool("vacant", vacant), read.day(on, clock));
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), HeadsOfMissionQueries.MISSION_SORTABLE,
                HeadsOfMissionQueries.MISSION_DEFAULT_SORT);
        return reads.answer(HeadsOfMissionProjection.NAME, read, snapshot -> queries.missions(snapshot, filter, paging));
    }

    @Operation(operationId = "listTenures", summary = "Every tenure of a head of mission, flat",
            description = "Every tenure of a head of mission: agrément, appointment, credentials, recalls and end, one row per tenure." + "\n\n" + ReadDocs.LIST + "\n\n" + ReadDocs.READ_YOUR_WRITES + "\n\n" + ReadDocs.READ_ROLES,
            responses = {
                    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "OK",
                            content = {@Content(mediaType = "application/json", examples = @ExampleObject(name = "tenures", value = "{\"items\":[{\"missionId\":\"RU-US-EMBASSY-WASHINGTON\",\"tenureNo\":1,\"sendingState\":\"RU\",\"receivingState\":\"US\",\"personId\":\"anatoly-antonov\",\"name\":\"Anatoly Antonov\",\"headClass\":\"AMBASSADOR\",\"status\":\"ENDED\",\"agrement\":\"GRANTED\",\"agrementGrantedOn\":\"2017-07-28\",\"requestReported\":false,\"agrementReported\":true,\"appointedOn\":\"2017-08-21\",\"appointmentReported\":true,\"copyPresentedOn\":\"2017-09-06\",\"credentialsPresentedOn\":\"2017-09-08\",\"functionsStartedOn\":\"2017-09-06\",\"recalls\":[{\"kind\":\"FOR_CONSULTATIONS\",\"recalledOn\":\"2021-03-17\",\"reason\":\"Invited to Moscow for consultations\",\"returnedOn\":\"2021-06-20\"}],\"endedOn\":\"2024-10-05\",\"endedHow\":\"REPORTED\",\"endReason\":\"Concluded his tenure in Washington and returned to Moscow on 6 October\"}],\"page\":0,\"size\":1,\"total\":2,\"position\":81}")),
                                    @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv", value = "missionId,tenureNo,sendingState,receivingState,personId,name,headClass,status,agrement,agrementRequestedOn,agrementGrantedOn,agrementRefusedOn,requestReported,agrementReported,appointedOn,appointmentReported,copyPresentedOn,credentialsPresentedOn,functionsStartedOn,recalls,endedOn,endedHow,endReason,successorPersonId,corrected.at,corrected.by,corrected.reason,corrected.source.text,corrected.source.url,corrected.eventId,corrected.correctsEventId\nRU-US-EMBASSY-WASHINGTON,1,RU,US,anatoly-antonov,Anatoly Antonov,AMBASSADOR,ENDED,GRANTED,,2017-07-28,,false,true,2017-08-21,true,2017-09-06,2017-09-08,2017-09-06,FOR_CONSULTATIONS 2021-03-17 returned 2021-06-20,2024-10-05,REPORTED,Concluded his tenure in Washington,,,,,,,,\n"))}),
                    @ApiResponse(responseCode = "400", description = ReadDocs.BAD_QUERY, content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid-query", value = ReadDocs.PROBLEM_400)))})
    @GetMapping(path = "/api/v1/heads-of-mission/tenures", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<TenureView>> tenures(@Parameter(description = "Only tenures for this sending state (ISO 3166 alpha-2)", example = "RU") @RequestParam(required = false) String sending,
                                             @Parameter(description = "Only tenures in this receiving state (ISO 3166 alpha-2)", example = "US") @RequestParam(required = false) String receiving,
                                             @Parameter(description = "Only this person's tenures", example = "anatoly-antonov") @RequestParam(required = false) String personId,
                                             @Parameter(description = "Only tenures still running on or after this day (ISO date)", example = "2017-01-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @Parameter(description = "Only tenures begun on or before this day (ISO date)", example = "2025-12-31") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @Parameter(description = ReadDocs.PAGE, example = "0") @RequestParam(required = false) Integer page,
                                             @Parameter(description = ReadDocs.SIZE, example = "20") @RequestParam(required = false) Integer size,
                                             @Parameter(description = "Sort by missionId, personId, name, appointedOn, functionsStartedOn, endedOn, sending or receiving; `,desc` reverses", example = "appointedOn,desc") @RequestParam(required = false) String sort,
                                             @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                             @Parameter(hidden = true) ReadPosition read) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new QueryParameterException("to", to + " is before from " + from);
        }
        HeadsOfMissionQueries.TenureFilter filter = new HeadsOfMissionQueries.TenureFilter(
                QueryParams.country("sending", sending), QueryParams.country("receiving", receiving), blankToNull(personId),
                from, to);
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), HeadsOfMissionQueries.TENURE_SORTABLE,
                HeadsOfMissionQueries.TENURE_DEFAULT_SORT);
        return reads.answer(HeadsOfMissionProjection.NAME, read, snapshot -> queries.tenures(snapshot, filter, paging));
    }

    @Operation(operationId = "getHeadsOfMission", summary = "One mission's heads: tenures, chargés d'affaires and vacancies",
            description = "The history of who headed one embassy or permanent mission: every tenure, every chargé d'affaires a.i., and every vacancy with its length." + "\n\n" + ReadDocs.READ_YOUR_WRITES + "\n\n" + ReadDocs.READ_ROLES,
            responses = {
                    @ApiResponse(responseCode = "200", useReturnTypeSchema = true, description = "OK",
                            content = {@Content(mediaType = "application/json", examples = @ExampleObject(name = "RU-US-EMBASSY-WASHINGTON", value = "{\"mission\":{\"missionId\":\"RU-US-EMBASSY-WASHINGTON\",\"sendingState\":\"RU\",\"receivingState\":\"US\",\"kind\":\"EMBASSY\",\"city\":\"Washington\",\"missionName\":\"Embassy of the Russian Federation in Washington\",\"missionStatus\":\"OPEN\",\"missionStatusSince\":\"1991-12-25\",\"current\":{\"personId\":\"alexander-darchiev\",\"name\":\"Alexander Darchiev\",\"headClass\":\"AMBASSADOR\",\"since\":\"2025-03-27\",\"status\":\"IN_OFFICE\"},\"vacant\":false,\"lastRecordedAt\":\"2026-11-30T17:05:15.441Z\"},\"tenures\":[{\"missionId\":\"RU-US-EMBASSY-WASHINGTON\",\"tenureNo\":1,\"sendingState\":\"RU\",\"receivingState\":\"US\",\"personId\":\"anatoly-antonov\",\"name\":\"Anatoly Antonov\",\"headClass\":\"AMBASSADOR\",\"status\":\"ENDED\",\"agrement\":\"GRANTED\",\"agrementGrantedOn\":\"2017-07-28\",\"requestReported\":false,\"agrementReported\":true,\"appointedOn\":\"2017-08-21\",\"appointmentReported\":true,\"copyPresentedOn\":\"2017-09-06\",\"credentialsPresentedOn\":\"2017-09-08\",\"functionsStartedOn\":\"2017-09-06\",\"recalls\":[{\"kind\":\"FOR_CONSULTATIONS\",\"recalledOn\":\"2021-03-17\",\"reason\":\"Invited to Moscow for consultations\",\"returnedOn\":\"2021-06-20\"}],\"endedOn\":\"2024-10-05\",\"endedHow\":\"REPORTED\",\"endReason\":\"Concluded his tenure in Washington and returned to Moscow on 6 October\"}],\"chargesDAffaires\":[],\"vacancies\":[{\"seq\":1,\"from\":\"2024-10-05\",\"to\":\"2025-03-27\",\"open\":false,\"days\":173,\"afterPersonId\":\"anatoly-antonov\",\"afterName\":\"Anatoly Antonov\",\"nextPersonId\":\"alexander-darchiev\",\"nextName\":\"Alexander Darchiev\",\"endedBy\":\"HEAD_TOOK_UP_FUNCTIONS\",\"chargesDAffaires\":[]}]}"))}),
                    @ApiResponse(responseCode = "400", description = ReadDocs.BAD_QUERY, content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(name = "invalid-query", value = ReadDocs.PROBLEM_400))),
                    @ApiResponse(responseCode = "404", description = "No embassy or permanent mission with this id", content = @Content(
                            mediaType = "application/problem+json", examples = @ExampleObject(name = "not-found", value = "{\"type\":\"urn:diplomatic-ledger:problem:not-found\",\"title\":\"Not found\",\"status\":404,\"detail\":\"no embassy or permanent mission 'RU-US-EMBASSY-OTTAWA' is recorded\",\"instance\":\"/api/v1/heads-of-mission/RU-US-EMBASSY-OTTAWA\"}")))})
    @GetMapping(path = "/api/v1/heads-of-mission/{missionId}", produces = "application/json")
    ResponseEntity<MissionHeadsDetail> mission(@Parameter(description = "The mission's id: sending state, receiving state, kind and city", example = "RU-US-EMBASSY-WASHINGTON") @PathVariable String missionId,
                                               @Parameter(description = "The day deadlines and vacancies are counted against (ISO date); asOf, else today, by default", example = "2026-11-30") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                               @Parameter(hidden = true) ReadPosition read) {
        LocalDate day = read.day(on, clock);
        return reads.answer(HeadsOfMissionProjection.NAME, read, snapshot -> queries.mission(snapshot, missionId, day)
                .orElseThrow(() -> new ResourceNotFound("no embassy or permanent mission '" + missionId + "' is recorded")));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
