package org.diplomaticledger.presence.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionStatus;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.StaffingProjection;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.presence.projection.StaffingViews.*;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.ReadDocs;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import org.diplomaticledger.shared.LedgerTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Staffing: {@code GET /api/v1/missions}, {@code /api/v1/missions/{id}}, {@code /api/v1/presences},
 * {@code /api/v1/presences/{sending}/{receiving}}, {@code /api/v1/trends/headcount} and
 * {@code /api/v1/trends/open-missions}. {@code on} is the day against which expulsion deadlines count as overdue
 * (today by default); it is a query-time parameter, never stored.
 */
@RestController
@Tag(name = "Staffing", description = "Missions and presences: which missions a state keeps in another, their status and "
        + "staff, ceilings, and trends over time")
class StaffingController {

    private static final int MAX_MONTHS = 1200;
    private static final int MAX_YEARS = 200;

    private final Reads reads;
    private final StaffingQueries queries;
    private final java.time.Clock clock;

    StaffingController(Reads reads, StaffingQueries queries, java.time.Clock clock) {
        this.reads = reads;
        this.queries = queries;
        this.clock = clock;
    }

    @Operation(operationId = "listMissions", summary = "List missions and their staff", description = """
            Which embassies, consulates and permanent missions a state keeps in another, whether open, suspended or \
            closed, and how many staff each has by category, under which ceilings, and how many expelled staff are \
            still due to leave.""" + ReadDocs.LIST_READ)
    @GetMapping(path = "/api/v1/missions", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<MissionStaffingView>> missions(@Parameter(description = "Only missions of this sending state (ISO 3166 alpha-2)", example = "RU") @RequestParam(required = false) String sending,
                                                       @Parameter(description = "Only missions in this receiving state (ISO 3166 alpha-2)", example = "US") @RequestParam(required = false) String receiving,
                                                       @Parameter(description = "Only missions where this state sends or receives (ISO 3166 alpha-2)", example = "RU") @RequestParam(required = false) String state,
                                                       @Parameter(description = "Only missions of this kind: EMBASSY, CONSULATE_GENERAL, CONSULATE or PERMANENT_MISSION", example = "EMBASSY") @RequestParam(required = false) String kind,
                                                       @Parameter(description = "Only missions in this status: OPEN, SUSPENDED or CLOSED", example = "OPEN") @RequestParam(required = false) String status,
                                                       @Parameter(description = "Only missions in this city", example = "Washington") @RequestParam(required = false) String city,
                                                       @Parameter(description = ReadDocs.ON, example = "2026-11-30") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                       @Parameter(description = ReadDocs.PAGE, example = "0") @RequestParam(required = false) Integer page,
                                                       @Parameter(description = ReadDocs.SIZE, example = "20") @RequestParam(required = false) Integer size,
                                                       @Parameter(description = "Sort by missionId, sending, receiving, kind, city, status or headcount; `,desc` reverses (default: missionId)", example = "headcount,desc") @RequestParam(required = false) String sort,
                                                       @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                       @Parameter(hidden = true) ReadPosition read) {
        MissionKind missionKind = QueryParams.enumValue("kind", kind == null ? null : kind.replace('-', '_'), MissionKind.class);
        MissionStatus missionStatus = QueryParams.enumValue("status", status, MissionStatus.class);
        StaffingQueries.MissionFilter filter = new StaffingQueries.MissionFilter(QueryParams.country("sending", sending),
                QueryParams.country("receiving", receiving), QueryParams.country("state", state),
                missionKind == null ? null : missionKind.name(), missionStatus == null ? null : missionStatus.name(), city);
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), StaffingQueries.MISSION_SORTABLE,
                StaffingQueries.MISSION_DEFAULT_SORT);
        LocalDate day = read.day(on, clock);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.missions(snapshot, filter, paging, day));
    }

    @Operation(operationId = "getMission", summary = "One mission with its staff and expulsions",
            description = "One mission's status and headcount, with its named staff and the expulsions that struck it." + ReadDocs.READ,
            responses = {@ApiResponse(responseCode = "200", description = "OK"),
                    @ApiResponse(responseCode = "404", description = "No mission with this id is recorded", content = @Content(mediaType = "application/problem+json"))})
    @GetMapping(path = "/api/v1/missions/{missionId}", produces = "application/json")
    ResponseEntity<MissionStaffingDetail> mission(@Parameter(description = "The mission's id: sending state, receiving state, kind and city", example = "RU-US-EMBASSY-WASHINGTON") @PathVariable String missionId,
                                                  @Parameter(description = ReadDocs.ON, example = "2026-11-30") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                  @Parameter(hidden = true) ReadPosition read) {
        LocalDate day = read.day(on, clock);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.mission(snapshot, missionId, day)
                .orElseThrow(() -> new ResourceNotFound("no mission '" + missionId + "' is recorded")));
    }

    @Operation(operationId = "listPresences", summary = "List presences: one state's staff in another", description = """
            How many staff each sending state has in each receiving state, in all its missions together (named, counted, \
            presence-wide, last reported figure), under which ceilings, how many missions are open, and how many \
            expelled staff are still due to leave.""" + ReadDocs.LIST_READ)
    @GetMapping(path = "/api/v1/presences", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<PresenceStaffingView>> presences(@Parameter(description = "Only presences of this sending state (ISO 3166 alpha-2)", example = "RU") @RequestParam(required = false) String sending,
                                                         @Parameter(description = "Only presences in this receiving state (ISO 3166 alpha-2)", example = "US") @RequestParam(required = false) String receiving,
                                                         @Parameter(description = "Only presences where this state sends or receives (ISO 3166 alpha-2)", example = "US") @RequestParam(required = false) String state,
                                                         @Parameter(description = ReadDocs.ON, example = "2026-11-30") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                         @Parameter(description = ReadDocs.PAGE, example = "0") @RequestParam(required = false) Integer page,
                                                         @Parameter(description = ReadDocs.SIZE, example = "20") @RequestParam(required = false) Integer size,
                                                         @Parameter(description = "Sort by presenceId, sending, receiving or headcount; `,desc` reverses (default: presenceId)", example = "headcount,desc") @RequestParam(required = false) String sort,
                                                         @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                         @Parameter(hidden = true) ReadPosition read) {
        StaffingQueries.PresenceFilter filter = new StaffingQueries.PresenceFilter(QueryParams.country("sending", sending),
                QueryParams.country("receiving", receiving), QueryParams.country("state", state));
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), StaffingQueries.PRESENCE_SORTABLE,
                StaffingQueries.PRESENCE_DEFAULT_SORT);
        LocalDate day = read.day(on, clock);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.presences(snapshot, filter, paging, day));
    }

    @Operation(operationId = "getPresence", summary = "One state's staff in another, mission by mission",
            description = "The presence of the sending state in the receiving state: its totals and each of its missions." + ReadDocs.READ,
            responses = {@ApiResponse(responseCode = "200", description = "OK"),
                    @ApiResponse(responseCode = "404", description = "The ledger knows nothing of this pair of states", content = @Content(mediaType = "application/problem+json"))})
    @GetMapping(path = "/api/v1/presences/{sending}/{receiving}", produces = "application/json")
    ResponseEntity<PresenceStaffingDetail> presence(@Parameter(description = "The sending state (ISO 3166 alpha-2)", example = "RU") @PathVariable String sending, @Parameter(description = "The receiving state (ISO 3166 alpha-2)", example = "US") @PathVariable String receiving,
                                                    @Parameter(description = ReadDocs.ON, example = "2026-11-30") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                    @Parameter(hidden = true) ReadPosition read) {
        String presenceId = presenceId(sending, receiving);
        LocalDate day = read.day(on, clock);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.presence(snapshot, presenceId, day)
                .orElseThrow(() -> new ResourceNotFound("the ledger knows nothing of the presence " + presenceId)));
    }

    /** What every trend shares (issue 18: one envelope, one naming, both time parameters). */
    static final String TREND_DOCS = "Like every trend, answers the envelope of lists, `{items, page, size, total, position}`, "
            + "with every point of the range on page 0; directional trends name the states `sending` and `receiving`. "
            + "`knownAt` reads the series as the ledger knew it then; `asOf` reads it as of that day: the series stops "
            + "there (`to` defaults to, and is cut at, that month or year) and its last point is taken on that day.";

    @Operation(operationId = "headcountTrend", summary = "Monthly headcount of one state's staff in another", description = """
            How the headcount of the sending state's staff in the receiving state changed, month by month (at each \
            month's end), with the change from the month before. Required: `sending` and `receiving`. At most 1200 \
            months at a time. 404 if the ledger knows nothing of the pair.

            """ + TREND_DOCS + ReadDocs.READ,
            responses = {@ApiResponse(responseCode = "200", description = "OK"),
                    @ApiResponse(responseCode = "404", description = "The ledger knows nothing of this pair of states", content = @Content(mediaType = "application/problem+json"))})
    @GetMapping(path = "/api/v1/trends/headcount", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<HeadcountPoint>> headcount(@Parameter(description = "The sending state (ISO 3166 alpha-2); required", example = "RU") @RequestParam(required = false) String sending,
                                                   @Parameter(description = "The receiving state (ISO 3166 alpha-2); required", example = "US") @RequestParam(required = false) String receiving,
                                                   @Parameter(description = "First month, YYYY-MM; ten years before `to` by default", example = "2018-01") @RequestParam(required = false) String from,
                                                   @Parameter(description = "Last month, YYYY-MM; this month by default", example = "2018-05") @RequestParam(required = false) String to,
                                                   @Parameter(hidden = true) ReadPosition read) {
        String presenceId = presenceId(required("sending", sending), required("receiving", receiving));
        YearMonth last = to == null ? (read.asOf() != null ? YearMonth.from(read.asOf()) : YearMonth.now(clock)) : month("to", to);
        if (read.asOf() != null && last.isAfter(YearMonth.from(read.asOf()))) {
            last = YearMonth.from(read.asOf()); // read as of a day, the series stops there
        }
        YearMonth first = from == null ? last.minusYears(10) : month("from", from);
        YearMonth finalLast = last;
        if (first.isAfter(last)) {
            throw new QueryParameterException("from", "from " + first + " is after to " + last);
        }
        if (first.plusMonths(MAX_MONTHS).isBefore(last)) {
            throw new QueryParameterException("to", "at most " + MAX_MONTHS + " months at a time");
        }
        return reads.answer(StaffingProjection.NAME, read, snapshot -> {
            if (!queries.knowsPresence(snapshot, presenceId)) {
                throw new ResourceNotFound("the ledger knows nothing of the presence " + presenceId);
            }
            return Page.all(queries.headcountTrend(snapshot, presenceId, first, finalLast), snapshot.position());
        });
    }

    @Operation(operationId = "openMissionsTrend", summary = "Yearly count of a state's open missions", description = """
            How many missions the state kept open at each year's end (optionally only in one receiving state), and \
            which. Required: `sending` (`state`, its older name, is still accepted). At most 200 years at a time.

            """ + TREND_DOCS + ReadDocs.READ)
    @GetMapping(path = "/api/v1/trends/open-missions", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<OpenMissionsPoint>> openMissions(@Parameter(description = "The sending state (ISO 3166 alpha-2); required (or its older name `state`)", example = "RU") @RequestParam(required = false) String sending,
                                                         @Parameter(description = "Deprecated alias of `sending`, still accepted", deprecated = true) @RequestParam(required = false) String state,
                                                         @Parameter(description = "Only missions in this receiving state (ISO 3166 alpha-2)", example = "US") @RequestParam(required = false) String receiving,
                                                         @Parameter(description = "First year, YYYY; ten years before `to` by default", example = "2017") @RequestParam(required = false) String from,
                                                         @Parameter(description = "Last year, YYYY; this year by default", example = "2018") @RequestParam(required = false) String to,
                                                         @Parameter(hidden = true) ReadPosition read) {
        if (sending != null && state != null && !sending.equals(state)) {
            throw new QueryParameterException("state", "is the older name of sending; give one of them");
        }
        String parameter = sending != null ? "sending" : state != null ? "state" : "sending";
        CountryCode sendingState = QueryParams.country(parameter, required(parameter, sending != null ? sending : state));
        CountryCode receivingState = QueryParams.country("receiving", receiving);
        int lastYear = to == null ? (read.asOf() != null ? read.asOf().getYear() : Year.now(clock).getValue()) : year("to", to);
        int last = read.asOf() != null ? Math.min(lastYear, read.asOf().getYear()) : lastYear; // as of a day, the series stops there
        int first = from == null ? last - 10 : year("from", from);
        if (first > last) {
            throw new QueryParameterException("from", "from " + first + " is after to " + last);
        }
        if (last - first > MAX_YEARS) {
            throw new QueryParameterException("to", "at most " + MAX_YEARS + " years at a time");
        }
        return reads.answer(StaffingProjection.NAME, read,
                snapshot -> Page.all(queries.openMissionsTrend(snapshot, sendingState, receivingState, first, last), snapshot.position()));
    }

    private static String presenceId(String sending, String receiving) {
        return PresenceIds.presence(QueryParams.country("sending", sending), QueryParams.country("receiving", receiving));
    }


    private static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new QueryParameterException(parameter, "required");
        }
        return value;
    }

    private YearMonth month(String parameter, String value) {
        YearMonth month;
        try {
            month = YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new QueryParameterException(parameter, "a month as YYYY-MM, not '" + value + "'");
        }
        year(parameter, Integer.toString(month.getYear()));
        return month;
    }

    /** A year within the span of {@link LedgerTime}. */
    private int year(String parameter, String value) {
        int year;
        try {
            year = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new QueryParameterException(parameter, "a year as YYYY, not '" + value + "'");
        }
        if (year < LedgerTime.EARLIEST.getYear() || year > LedgerTime.latest(clock).getYear()) {
            throw new QueryParameterException(parameter, LedgerTime.outside(Integer.toString(year), clock));
        }
        return year;
    }
}
