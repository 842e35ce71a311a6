package org.diplomaticledger.presence.web;

import jakarta.servlet.http.HttpServletRequest;
import org.diplomaticledger.presence.projection.ExpulsionsProjection;
import org.diplomaticledger.presence.projection.ExpulsionsQueries;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionDetail;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionTrendRow;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionView;
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

import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Expulsions and reciprocity: {@code GET /api/v1/expulsions}, {@code GET /api/v1/expulsions/{expulsionId}} and the
 * per-year balance of a pair of states, {@code GET /api/v1/trends/expulsions}.
 */
@RestController
class ExpulsionsController {

    private final Reads reads;
    private final ExpulsionsQueries queries;
    private final Clock clock;

    ExpulsionsController(Reads reads, ExpulsionsQueries queries, Clock clock) {
        this.reads = reads;
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/expulsions", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<ExpulsionView>> list(@RequestParam(required = false) String by,
                                             @RequestParam(required = false) String against,
                                             @RequestParam(required = false) String state,
                                             @RequestParam(required = false) String missionId,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                             @RequestParam(required = false) String answered,
                                             @RequestParam(required = false) String overdue,
                                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                             @RequestParam(required = false) Integer page,
                                             @RequestParam(required = false) Integer size,
                                             @RequestParam(required = false) String sort,
                                             @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                             ReadPosition read) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new QueryParameterException("from", "from " + from + " comes after to " + to);
        }
        ExpulsionsQueries.Filter filter = new ExpulsionsQueries.Filter(QueryParams.country("by", by),
                QueryParams.country("against", against), QueryParams.country("state", state),
                missionId == null || missionId.isBlank() ? null : missionId.trim().toUpperCase(Locale.ROOT), from, to,
                bool("answered", answered), bool("overdue", overdue), on == null ? LocalDate.now(clock) : on);
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), ExpulsionsQueries.SORTABLE,
                ExpulsionsQueries.DEFAULT_SORT);
        return reads.answer(ExpulsionsProjection.NAME, read, snapshot -> queries.list(snapshot, filter, paging));
    }

    @GetMapping(path = "/api/v1/expulsions/{expulsionId}", produces = "application/json")
    ResponseEntity<ExpulsionDetail> one(@PathVariable String expulsionId,
                                        @RequestParam(required = false) String presenceId,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
                                        ReadPosition read) {
        String presence = presenceId == null || presenceId.isBlank() ? null : presenceId.trim().toUpperCase(Locale.ROOT);
        LocalDate day = on == null ? LocalDate.now(clock) : on;
        return reads.answer(ExpulsionsProjection.NAME, read, snapshot -> queries.one(snapshot, expulsionId, presence, day)
                .orElseThrow(() -> new ResourceNotFound("no expulsion '" + expulsionId + "'"
                        + (presence == null ? "" : " in presence " + presence) + " is recorded")));
    }

    @GetMapping(path = "/api/v1/trends/expulsions", produces = {"application/json", "text/csv"})
    ResponseEntity<Page<ExpulsionTrendRow>> trends(@RequestParam(required = false) String stateA,
                                                   @RequestParam(required = false) String stateB,
                                                   @RequestParam(required = false) Integer from,
                                                   @RequestParam(required = false) Integer to,
                                                   @RequestParam(required = false) Integer page,
                                                   @RequestParam(required = false) Integer size,
                                                   @RequestParam(required = false) String sort,
                                                   @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                                   ReadPosition read) {
        PageQuery paging = PageQuery.of(page, size, sort, QueryParams.wantsCsv(accept), ExpulsionsQueries.TREND_SORTABLE,
                ExpulsionsQueries.TREND_DEFAULT_SORT);
        var a = QueryParams.country("stateA", stateA);
        var b = QueryParams.country("stateB", stateB);
        return reads.answer(ExpulsionsProjection.NAME, read, snapshot -> queries.trends(snapshot, a, b, from, to, paging));
    }

    /** A date, year or number that does not parse is a bad query parameter, answered 400 naming it. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        String expected = e.getRequiredType() == LocalDate.class ? "an ISO date YYYY-MM-DD"
                : e.getRequiredType() == Integer.class ? "a whole number" : "a " + e.getRequiredType();
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query",
                e.getName() + ": expected " + expected + ", got '" + e.getValue() + "'", request);
        problem.setProperty("parameter", e.getName());
        return Problems.response(problem);
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
}
