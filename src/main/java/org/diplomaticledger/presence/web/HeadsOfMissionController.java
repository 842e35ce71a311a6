package org.diplomaticledger.presence.web;

import jakarta.servlet.http.HttpServletRequest;
import org.diplomaticledger.presence.projection.HeadsOfMissionProjection;
import org.diplomaticledger.presence.projection.HeadsOfMissionQueries;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadView;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.MissionHeadsDetail;
import org.diplomaticledger.presence.projection.HeadsOfMissionViews.TenureView;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.QueryParams;
import org.diplomaticledger.projection.ReadPosition;
import org.diplomaticledger.projection.Reads;
import org.diplomaticledger.projection.ResourceNotFound;
import org.diplomaticledger.shared.Problems;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Heads of mission: {@code GET /api/v1/heads-of-mission} (who heads each mission now),
 * {@code GET /api/v1/heads-of-mission/{missionId}} (its tenures, chargés d'affaires a.i. and vacancies) and
 * {@code GET /api/v1/heads-of-mission/tenures} (every tenure, flat).
 */
@RestController
class HeadsOfMissionController {

    private final Reads reads;
    private final HeadsOfMissionQueries queries;

    HeadsOfMissionController(Reads reads, HeadsOfMissionQueries queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @GetMapping(path = "/api/v1/heads-of-mission", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<MissionHeadView>> missions(@RequestParam(required = false) String sending,
                                                   @RequestParam(required = false) String receiving,
                                                   @RequestParam(required = false) String state,
                                                   @RequestParam(required = false) String missionId,
                                                   @RequestParam(required = false) String vacant,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size,
                                                   @RequestParam(required = false) String sort,
                                                   @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                   ReadPosition read) {
        HeadsOfMissionQueries.MissionFilter filter = new HeadsOfMissionQueries.MissionFilter(
                QueryParams.country("sending", sending), QueryParams.country("receiving", receiving),
                QueryParams.country("state", state), blankToNull(missionId), bool("vacant", vacant), onOrToday(on));
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), HeadsOfMissionQueries.MISSION_SORTABLE,
                HeadsOfMissionQueries.MISSION_DEFAULT_SORT);
        return reads.answer(HeadsOfMissionProjection.NAME, read, snapshot -> queries.missions(snapshot, filter, paging));
    }

    @GetMapping(path = "/api/v1/heads-of-mission/tenures", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<TenureView>> tenures(@RequestParam(required = false) String sending,
                                             @RequestParam(required = false) String receiving,
                                             @RequestParam(required = false) String personId,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size,
                                             @RequestParam(required = false) String sort,
                                             @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                             ReadPosition read) {
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

    @GetMapping(path = "/api/v1/heads-of-mission/{missionId}", produces = "application/json")
    ResponseEntity<MissionHeadsDetail> mission(@PathVariable String missionId,
                                               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                               ReadPosition read) {
        LocalDate day = onOrToday(on);
        return reads.answer(HeadsOfMissionProjection.NAME, read, snapshot -> queries.mission(snapshot, missionId, day)
                .orElseThrow(() -> new ResourceNotFound("no embassy or permanent mission '" + missionId + "' is recorded")));
    }

    /** A date or number the parameter's type cannot hold: 400 naming the parameter, as every read-side problem. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() == LocalDate.class ? "an ISO date such as 2025-04-10" : "a whole number";
        QueryParameterException problem = new QueryParameterException(e.getName(), "expected " + expected + ", got '" + e.getValue() + "'");
        ProblemDetail detail = Problems.of(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query", problem.getMessage(), request);
        detail.setProperty("parameter", problem.parameter());
        return Problems.response(detail);
    }

    private static LocalDate onOrToday(LocalDate on) {
        return on != null ? on : LocalDate.now(ZoneOffset.UTC);
    }

    private static Boolean bool(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new QueryParameterException(parameter, "true or false, not '" + value + "'");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
