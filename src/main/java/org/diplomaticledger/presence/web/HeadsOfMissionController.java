package org.diplomaticledger.presence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
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
@Tag(name = "Heads of mission", description = "Who heads each embassy and permanent mission: ambassadors, chargés "
        + "d'affaires a.i., their tenures and the vacancies between them")
class HeadsOfMissionController {

    private final Reads reads;
    private final HeadsOfMissionQueries queries;
    private final java.time.Clock clock;

    HeadsOfMissionController(Reads reads, HeadsOfMissionQueries queries, java.time.Clock clock) {
        this.clock = clock;
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(operationId = "listHeadsOfMission", summary = "Who heads each mission", description = """
            For each embassy and permanent mission: who heads it on the day `on` (ambassador, or chargé d'affaires \
            a.i.), since when, or since when it is vacant.""" + ReadDocs.LIST_READ)
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

    @Operation(operationId = "listTenures", summary = "Every tenure of a head of mission, flat", description = """
            Every tenure of a head of mission: agrément, appointment, credentials, recalls and end, one row per \
            tenure.""" + ReadDocs.LIST_READ)
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
            description = """
                    The history of who headed one embassy or permanent mission: every tenure, every chargé d'affaires \
                    a.i., and every vacancy with its length.""" + ReadDocs.READ,
            responses = {@ApiResponse(responseCode = "200", description = "OK"),
                    @ApiResponse(responseCode = "404", description = "No embassy or permanent mission with this id", content = @Content(mediaType = "application/problem+json"))})
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
