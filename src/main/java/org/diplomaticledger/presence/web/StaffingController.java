package org.diplomaticledger.presence.web;

import org.diplomaticledger.presence.api.MissionKind;
import org.diplomaticledger.presence.api.MissionStatus;
import org.diplomaticledger.presence.api.PresenceIds;
import org.diplomaticledger.presence.projection.StaffingProjection;
import org.diplomaticledger.presence.projection.StaffingQueries;
import org.diplomaticledger.presence.projection.StaffingViews.*;
import org.diplomaticledger.projection.Page;
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
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Staffing: {@code GET /api/v1/missions}, {@code /api/v1/missions/{id}}, {@code /api/v1/presences},
 * {@code /api/v1/presences/{sending}/{receiving}}, {@code /api/v1/trends/headcount} and
 * {@code /api/v1/trends/open-missions}. {@code on} is the day against which expulsion deadlines count as overdue
 * (today by default); it is a query-time parameter, never stored.
 */
@RestController
class StaffingController {

    private static final int MAX_MONTHS = 1200;
    private static final int MAX_YEARS = 200;

    private final Reads reads;
    private final StaffingQueries queries;

    StaffingController(Reads reads, StaffingQueries queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/missions", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<MissionStaffingView>> missions(@RequestParam(required = false) String sending,
                                                       @RequestParam(required = false) String receiving,
                                                       @RequestParam(required = false) String state,
                                                       @RequestParam(required = false) String kind,
                                                       @RequestParam(required = false) String status,
                                                       @RequestParam(required = false) String city,
                                                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                       @RequestParam(required = false) Integer page,
                                                       @RequestParam(required = false) Integer size,
                                                       @RequestParam(required = false) String sort,
                                                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                       ReadPosition read) {
        MissionKind missionKind = QueryParams.enumValue("kind", kind == null ? null : kind.replace('-', '_'), MissionKind.class);
        MissionStatus missionStatus = QueryParams.enumValue("status", status, MissionStatus.class);
        StaffingQueries.MissionFilter filter = new StaffingQueries.MissionFilter(QueryParams.country("sending", sending),
                QueryParams.country("receiving", receiving), QueryParams.country("state", state),
                missionKind == null ? null : missionKind.name(), missionStatus == null ? null : missionStatus.name(), city);
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), StaffingQueries.MISSION_SORTABLE,
                StaffingQueries.MISSION_DEFAULT_SORT);
        LocalDate day = day(on);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.missions(snapshot, filter, paging, day));
    }

    @GetMapping(path = "/api/v1/missions/{missionId}", produces = "application/json")
    ResponseEntity<MissionStaffingDetail> mission(@PathVariable String missionId,
                                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                  ReadPosition read) {
        LocalDate day = day(on);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.mission(snapshot, missionId, day)
                .orElseThrow(() -> new ResourceNotFound("no mission '" + missionId + "' is recorded")));
    }

    @GetMapping(path = "/api/v1/presences", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<PresenceStaffingView>> presences(@RequestParam(required = false) String sending,
                                                         @RequestParam(required = false) String receiving,
                                                         @RequestParam(required = false) String state,
                                                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                         @RequestParam(required = false) Integer page,
                                                         @RequestParam(required = false) Integer size,
                                                         @RequestParam(required = false) String sort,
                                                         @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                         ReadPosition read) {
        StaffingQueries.PresenceFilter filter = new StaffingQueries.PresenceFilter(QueryParams.country("sending", sending),
                QueryParams.country("receiving", receiving), QueryParams.country("state", state));
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), StaffingQueries.PRESENCE_SORTABLE,
                StaffingQueries.PRESENCE_DEFAULT_SORT);
        LocalDate day = day(on);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.presences(snapshot, filter, paging, day));
    }

    @GetMapping(path = "/api/v1/presences/{sending}/{receiving}", produces = "application/json")
    ResponseEntity<PresenceStaffingDetail> presence(@PathVariable String sending, @PathVariable String receiving,
                                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                    ReadPosition read) {
        String presenceId = presenceId(sending, receiving);
        LocalDate day = day(on);
        return reads.answer(StaffingProjection.NAME, read, snapshot -> queries.presence(snapshot, presenceId, day)
                .orElseThrow(() -> new ResourceNotFound("the ledger knows nothing of the presence " + presenceId)));
    }

    @GetMapping(path = "/api/v1/trends/headcount", produces = {"application/json", "text/csv"})
    ResponseEntity<List<HeadcountPoint>> headcount(@RequestParam(required = false) String sending,
                                                   @RequestParam(required = false) String receiving,
                                                   @RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to,
                                                   ReadPosition read) {
        String presenceId = presenceId(required("sending", sending), required("receiving", receiving));
        YearMonth last = to == null ? YearMonth.now() : month("to", to);
        YearMonth first = from == null ? last.minusYears(10) : month("from", from);
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
            return queries.headcountTrend(snapshot, presenceId, first, last);
        });
    }

    @GetMapping(path = "/api/v1/trends/open-missions", produces = {"application/json", "text/csv"})
    ResponseEntity<List<OpenMissionsPoint>> openMissions(@RequestParam(required = false) String state,
                                                         @RequestParam(required = false) String receiving,
                                                         @RequestParam(required = false) String from,
                                                         @RequestParam(required = false) String to,
                                                         ReadPosition read) {
        CountryCode sending = QueryParams.country("state", required("state", state));
        CountryCode receivingState = QueryParams.country("receiving", receiving);
        int last = to == null ? Year.now().getValue() : year("to", to);
        int first = from == null ? last - 10 : year("from", from);
        if (first > last) {
            throw new QueryParameterException("from", "from " + first + " is after to " + last);
        }
        if (last - first > MAX_YEARS) {
            throw new QueryParameterException("to", "at most " + MAX_YEARS + " years at a time");
        }
        return reads.answer(StaffingProjection.NAME, read,
                snapshot -> queries.openMissionsTrend(snapshot, sending, receivingState, first, last));
    }

    private static String presenceId(String sending, String receiving) {
        return PresenceIds.presence(QueryParams.country("sending", sending), QueryParams.country("receiving", receiving));
    }

    private static LocalDate day(LocalDate on) {
        return on == null ? LocalDate.now() : on;
    }

    private static String required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new QueryParameterException(parameter, "required");
        }
        return value;
    }

    private static YearMonth month(String parameter, String value) {
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new QueryParameterException(parameter, "a month as YYYY-MM, not '" + value + "'");
        }
    }

    private static int year(String parameter, String value) {
        try {
            int year = Integer.parseInt(value.trim());
            if (year < 1 || year > 9999) {
                throw new NumberFormatException();
            }
            return year;
        } catch (NumberFormatException e) {
            throw new QueryParameterException(parameter, "a year as YYYY, not '" + value + "'");
        }
    }
}
