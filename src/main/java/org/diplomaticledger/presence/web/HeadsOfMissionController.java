package org.diplomaticledger.presence.web;

import static org.springframework.http.HttpHeaders.ACCEPT;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import org.diplomaticledger.presence.projection.HeadsOfMissionProjection;
import org.diplomaticledger.presence.projection.HeadsOfMissionQueries;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadsDetail;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.TenureView;
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
 * Heads of mission: {@code GET /api/v1/heads-of-mission} (who heads each mission now),
 * {@code GET /api/v1/heads-of-mission/{missionId}} (its tenures, chargés d'affaires a.i. and vacancies) and
 * {@code GET /api/v1/heads-of-mission/tenures} (every tenure, flat).
 */
@RestController
@Tag(
        name = "Heads of mission",
        description = "Who heads each embassy and permanent mission: ambassadors, chargés "
                + "d'affaires a.i., their tenures and the vacancies between them")
class HeadsOfMissionController {

    private final Reads reads;
    private final HeadsOfMissionQueries queries;
    private final SuccessorReads successors;
    private final java.time.Clock clock;

    HeadsOfMissionController(
            Reads reads, HeadsOfMissionQueries queries, SuccessorReads successors, java.time.Clock clock) {
        this.clock = clock;
        this.reads = reads;
        this.queries = queries;
        this.successors = successors;
    }

    @Operation(
            operationId = "listHeadsOfMission",
            summary = "Who heads each mission",
            description = """
            For each embassy and permanent mission: whether the post is headed, vacant or closed (`post`), who heads \
            it (ambassador, or chargé d'affaires a.i.) and since when, or since when it is vacant. A state named by \
            `sending`, `receiving` or `state` that continued another (a recorded `CONTINUATION`, \
            docs/states.md#succession) answers for `asOf` before that day with the other's missions, each marked \
            `stateAsThen` (not in CSV, whose state columns say the state as it was then).""" + ReadDocs.LIST_READ)
    @GetMapping(
            path = "/api/v1/heads-of-mission",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<MissionHeadView>> missions(
            @ParameterObject HeadsOfMissionParameters.Missions query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        HeadsOfMissionQueries.MissionFilter filter = query.filter(read.day(query.on(), clock));
        PageQuery paging = query.paging(accept);
        return reads.answer(
                HeadsOfMissionProjection.NAME, read, view -> successors.headsOfMission(view, filter, paging));
    }

    @Operation(
            operationId = "listTenures",
            summary = "Every tenure of a head of mission, flat",
            description = """
            Every tenure of a head of mission: agrément, appointment, credentials, recalls and end, one row per \
            tenure. A state named by `sending` or `receiving` that continued another (a recorded `CONTINUATION`, \
            docs/states.md#succession) answers for the tenures begun before that day with the other's, each marked \
            `stateAsThen` (not in CSV, whose state columns say the state as it was then).""" + ReadDocs.LIST_READ)
    @GetMapping(
            path = "/api/v1/heads-of-mission/tenures",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<TenureView>> tenures(
            @ParameterObject HeadsOfMissionParameters.Tenures query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        HeadsOfMissionQueries.TenureFilter filter = query.filter();
        PageQuery paging = query.paging(accept);
        return reads.answer(HeadsOfMissionProjection.NAME, read, view -> successors.tenures(view, filter, paging));
    }

    @Operation(
            operationId = "getHeadsOfMission",
            summary = "One mission's heads: tenures, chargés d'affaires and vacancies",
            description = """
                    The history of who headed one embassy or permanent mission: every tenure, every chargé d'affaires \
                    a.i., and every vacancy with its length.""" + ReadDocs.READ,
            responses = {
                @ApiResponse(responseCode = "200", description = "OK"),
                @ApiResponse(
                        responseCode = "404",
                        description = "No embassy or permanent mission with this id",
                        content = @Content(mediaType = "application/problem+json"))
            })
    @GetMapping(path = "/api/v1/heads-of-mission/{missionId}", produces = "application/json")
    ResponseEntity<MissionHeadsDetail> mission(
            @Parameter(
                            description = "The mission's id: sending state, receiving state, kind and city",
                            example = "RU-US-EMBASSY-WASHINGTON")
                    @PathVariable
                    String missionId,
            @Parameter(description = HeadsOfMissionParameters.ON, example = "2026-11-30")
                    @RequestParam(required = false)
                    LocalDate on,
            @Parameter(hidden = true) ReadPosition read) {
        LocalDate day = read.day(on, clock);
        return reads.answer(
                HeadsOfMissionProjection.NAME,
                read,
                view -> queries.mission(view, missionId, day)
                        .orElseThrow(() -> new ResourceNotFound(
                                "no embassy or permanent mission '" + missionId + "' is recorded")));
    }
}
