package org.diplomaticledger.presence.web;

import static org.springframework.http.HttpHeaders.ACCEPT;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.YearMonth;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.StaffingProjection;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.presence.projection.StaffingViews.*;
import org.diplomaticledger.presence.projection.SuccessorReads;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.shared.CountryCode;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staffing: {@code GET /api/v1/missions}, {@code /api/v1/missions/{id}}, {@code /api/v1/presences},
 * {@code /api/v1/presences/{sending}/{receiving}}, {@code /api/v1/trends/headcount} and
 * {@code /api/v1/trends/open-missions}. {@code on} is the day against which expulsion deadlines count as overdue
 * (today by default); it is a query-time parameter, never stored.
 */
@RestController
@Tag(
        name = "Staffing",
        description = "Missions and presences: which missions a state keeps in another, their status and "
                + "staff, ceilings, and trends over time")
class StaffingController {

    private static final String PROBLEM = "application/problem+json";
    private static final String UNKNOWN_PAIR = "The ledger knows nothing of this pair of states";
    private static final String MISSION_ID = "The mission's id: sending state, receiving state, kind and city";

    private final Reads reads;
    private final StaffingQueries queries;
    private final SuccessorReads successors;
    private final java.time.Clock clock;

    StaffingController(Reads reads, StaffingQueries queries, SuccessorReads successors, java.time.Clock clock) {
        this.reads = reads;
        this.queries = queries;
        this.successors = successors;
        this.clock = clock;
    }

    @Operation(
            operationId = "listMissions",
            summary = "List missions and their staff",
            description = """
            Which embassies, consulates and permanent missions a state keeps in another, whether open, suspended or \
            closed, and how many staff each has by category, under which ceilings, and how many expelled staff are \
            still due to leave. A state named by `sending`, `receiving` or `state` that continued another \
            (docs/states.md#succession) is, on a day before the continuation, read as that other, each row marked \
            `stateAsThen`: `sending=RU` as of 1985 lists the Soviet Union's missions.""" + ReadDocs.LIST_READ)
    @GetMapping(
            path = "/api/v1/missions",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<MissionStaffingView>> missions(
            @ParameterObject StaffingParameters.Missions query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        StaffingQueries.MissionFilter filter = query.filter();
        PageQuery paging = query.paging(accept);
        LocalDate day = read.day(query.on(), clock);
        return reads.answer(StaffingProjection.NAME, read, view -> successors.missions(view, filter, paging, day));
    }

    @Operation(
            operationId = "getMission",
            summary = "One mission with its staff and expulsions",
            description = "One mission's status and headcount, with its named staff and the expulsions that struck it."
                    + ReadDocs.READ,
            responses = {
                @ApiResponse(responseCode = "200", description = "OK"),
                @ApiResponse(
                        responseCode = "404",
                        description = "No mission with this id is recorded",
                        content = @Content(mediaType = PROBLEM))
            })
    @GetMapping(path = "/api/v1/missions/{missionId}", produces = "application/json")
    ResponseEntity<MissionStaffingDetail> mission(
            @Parameter(description = MISSION_ID, example = "RU-US-EMBASSY-WASHINGTON") @PathVariable String missionId,
            @Parameter(description = ReadDocs.ON, example = "2026-11-30") @RequestParam(required = false) LocalDate on,
            @Parameter(hidden = true) ReadPosition read) {
        LocalDate day = read.day(on, clock);
        return reads.answer(
                StaffingProjection.NAME,
                read,
                view -> queries.mission(view, missionId, day)
                        .orElseThrow(() -> new ResourceNotFound("no mission '" + missionId + "' is recorded")));
    }

    @Operation(
            operationId = "listPresences",
            summary = "List presences: one state's staff in another",
            description = """
            How many staff each sending state has in each receiving state, in all its missions together (named, counted, \
            presence-wide, last reported figure), under which ceilings, how many missions are open, and how many \
            expelled staff are still due to leave. A state named by `sending`, `receiving` or `state` that continued \
            another is, on a day before the continuation, read as that other, each row marked `stateAsThen`.""" + ReadDocs.LIST_READ)
    @GetMapping(
            path = "/api/v1/presences",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<PresenceStaffingView>> presences(
            @ParameterObject StaffingParameters.Presences query,
            @Parameter(hidden = true) @RequestHeader(name = ACCEPT, required = false) String accept,
            @Parameter(hidden = true) ReadPosition read) {
        StaffingQueries.PresenceFilter filter = query.filter();
        PageQuery paging = query.paging(accept);
        LocalDate day = read.day(query.on(), clock);
        return reads.answer(StaffingProjection.NAME, read, view -> successors.presences(view, filter, paging, day));
    }

    @Operation(
            operationId = "getPresence",
            summary = "One state's staff in another, mission by mission",
            description =
                    "The presence of the sending state in the receiving state: its totals and each of its missions. "
                            + "As of a day before a state named continued another (the USSR, for RU before 1991-12-25), the "
                            + "other's presence, marked `stateAsThen`." + ReadDocs.READ,
            responses = {
                @ApiResponse(responseCode = "200", description = "OK"),
                @ApiResponse(responseCode = "404", description = UNKNOWN_PAIR, content = @Content(mediaType = PROBLEM))
            })
    @GetMapping(path = "/api/v1/presences/{sending}/{receiving}", produces = "application/json")
    ResponseEntity<PresenceStaffingDetail> presence(
            @Parameter(description = "The sending state (ISO 3166 alpha-2)", example = "RU") @PathVariable
                    String sending,
            @Parameter(description = "The receiving state (ISO 3166 alpha-2)", example = "US") @PathVariable
                    String receiving,
            @Parameter(description = ReadDocs.ON, example = "2026-11-30") @RequestParam(required = false) LocalDate on,
            @Parameter(hidden = true) ReadPosition read) {
        CountryCode sendingState = QueryParams.country("sending", sending);
        CountryCode receivingState = QueryParams.country("receiving", receiving);
        String presenceId = PresenceIds.presence(sendingState, receivingState);
        LocalDate day = read.day(on, clock);
        return reads.answer(
                StaffingProjection.NAME,
                read,
                view -> successors
                        .presence(view, sendingState, receivingState, day)
                        .orElseThrow(
                                () -> new ResourceNotFound("the ledger knows nothing of the presence " + presenceId)));
    }

    /** What every trend shares (issue 18: one envelope, one naming, both time parameters). */
    static final String TREND_DOCS =
            "Like every trend, answers the envelope of lists, `{items, page, size, total, position}`, "
                    + "with every point of the range on page 0; directional trends name the states `sending` and `receiving`. "
                    + "`knownAt` reads the series as the ledger knew it then; `asOf` reads it as of that day: the series stops "
                    + "there (`to` defaults to, and is cut at, that month or year) and its last point is taken on that day.";

    @Operation(
            operationId = "headcountTrend",
            summary = "Monthly headcount of one state's staff in another",
            description = """
            How the headcount of the sending state's staff in the receiving state changed, month by month (at each \
            month's end), with the change from the month before. Required: `sending` and `receiving`. At most 1200 \
            months at a time. 404 if the ledger knows nothing of the pair.

            """ + TREND_DOCS + ReadDocs.READ,
            responses = {
                @ApiResponse(responseCode = "200", description = "OK"),
                @ApiResponse(responseCode = "404", description = UNKNOWN_PAIR, content = @Content(mediaType = PROBLEM))
            })
    @GetMapping(
            path = "/api/v1/trends/headcount",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<HeadcountPoint>> headcount(
            @ParameterObject StaffingParameters.Headcount query, @Parameter(hidden = true) ReadPosition read) {
        String presenceId = query.presenceId();
        YearMonth last = query.last(read, clock);
        YearMonth first = query.first(last);
        return reads.answer(StaffingProjection.NAME, read, view -> {
            if (!successors.knowsPresence(view, query.sending(), query.receiving())) {
                throw new ResourceNotFound("the ledger knows nothing of the presence " + presenceId);
            }
            return Page.all(
                    successors.headcount(view, query.sending(), query.receiving(), first, last), view.position());
        });
    }

    @Operation(
            operationId = "openMissionsTrend",
            summary = "Yearly count of a state's open missions",
            description = """
            How many missions the state kept open at each year's end (optionally only in one receiving state), and \
            which. Required: `sending` (`state`, its older name, is still accepted). At most 200 years at a time.

            """ + TREND_DOCS + ReadDocs.READ)
    @GetMapping(
            path = "/api/v1/trends/open-missions",
            produces = {"application/json", "text/csv"})
    ResponseEntity<Page<OpenMissionsPoint>> openMissions(
            @ParameterObject StaffingParameters.OpenMissions query, @Parameter(hidden = true) ReadPosition read) {
        CountryCode sending = query.sendingState();
        int last = query.last(read, clock);
        int first = query.first(last);
        return reads.answer(
                StaffingProjection.NAME,
                read,
                view -> Page.all(
                        successors.openMissions(view, sending, query.receiving(), first, last), view.position()));
    }
}
