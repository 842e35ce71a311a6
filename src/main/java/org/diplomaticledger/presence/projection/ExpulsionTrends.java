package org.diplomaticledger.presence.projection;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.presence.projection.ExpulsionsViews.ExpulsionTrendRow;
import org.diplomaticledger.projection.ContinuedStates;
import org.diplomaticledger.projection.Page;
import org.diplomaticledger.projection.PageQuery;
import org.diplomaticledger.projection.QueryParameterException;
import org.diplomaticledger.projection.ReadView;
import org.diplomaticledger.projection.SlotJdbc;
import org.diplomaticledger.projection.Sql;
import org.diplomaticledger.projection.StateAsThenView;
import org.diplomaticledger.shared.CountryCode;
import org.springframework.stereotype.Component;

/**
 * Reads the expulsions projection per year for a pair of states: {@code GET /api/v1/trends/expulsions}, the staff
 * each expelled of the other's, the balance and the number of expulsions each declared.
 */
@Component
public class ExpulsionTrends {

    public static final Map<String, String> SORTABLE;
    public static final String DEFAULT_SORT = "yr";

    static {
        Map<String, String> trend = new LinkedHashMap<>();
        trend.put("year", "yr");
        trend.put("aToB", "a_to_b");
        trend.put("bToA", "b_to_a");
        trend.put("balance", "balance");
        SORTABLE = Collections.unmodifiableMap(trend);
    }

    private static final int MAX_YEARS = 1000;

    private final SlotJdbc jdbc;

    public ExpulsionTrends(SlotJdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Per year from {@code from} to {@code to} (by default the pair's first and last year of expulsions). */
    public Page<ExpulsionTrendRow> trends(
            ReadView view, CountryCode a, CountryCode b, Integer from, Integer to, PageQuery page) {
        return trends(view, a, b, ContinuedStates.asRecorded(a), ContinuedStates.asRecorded(b), from, to, page);
    }

    /**
     * As {@link #trends(ReadView, CountryCode, CountryCode, Integer, Integer, PageQuery)}, each state of the pair
     * matched across its continuations ({@code continuedA}, {@code continuedB}; docs/states.md#succession): an
     * expulsion counts for the pair when the codes answering for the two states on its effective date declared and
     * suffered it. A year some of whose days a predecessor answers for is marked with it (the first state's first).
     */
    public Page<ExpulsionTrendRow> trends(
            ReadView view,
            CountryCode a,
            CountryCode b,
            ContinuedStates continuedA,
            ContinuedStates continuedB,
            Integer from,
            Integer to,
            PageQuery page) {
        if (a == null) {
            throw new QueryParameterException("stateA", "name the first state of the pair, e.g. stateA=RU");
        }
        if (b == null) {
            throw new QueryParameterException("stateB", "name the second state of the pair, e.g. stateB=US");
        }
        if (a.equals(b)) {
            throw new QueryParameterException(
                    "stateB", "the pair needs two different states, not " + a.value() + " twice");
        }
        if (from == null || to == null) {
            Sql years = Sql.of("SELECT MIN(EXTRACT(YEAR FROM effective_date)) AS first_year, "
                            + "MAX(EXTRACT(YEAR FROM effective_date)) AS last_year FROM expulsions_expulsion WHERE ")
                    .add(view.rows())
                    .add(" AND ((")
                    .add(pair(continuedA, continuedB))
                    .add(") OR (")
                    .add(pair(continuedB, continuedA))
                    .add("))");
            Map<String, Object> span = jdbc.queryForMap(years);
            Number first = (Number) span.get("FIRST_YEAR");
            Number last = (Number) span.get("LAST_YEAR");
            if (first == null) {
                if (from == null && to == null) {
                    return new Page<>(List.of(), page.page(), page.size(), 0, view.position());
                }
                from = from == null ? to : from;
                to = to == null ? from : to;
            } else {
                from = from == null ? Math.min(first.intValue(), to == null ? Integer.MAX_VALUE : to) : from;
                to = to == null ? Math.max(last.intValue(), from) : to;
            }
        }
        if (from > to) {
            throw new QueryParameterException("from", "the first year " + from + " comes after the last year " + to);
        }
        if (to - from >= MAX_YEARS) {
            throw new QueryParameterException("to", "at most " + MAX_YEARS + " years at once");
        }
        java.util.function.BiFunction<ContinuedStates, ContinuedStates, Sql> side =
                (by, against) -> Sql.of("SELECT EXTRACT(YEAR FROM effective_date) AS y, "
                                + "SUM(total_expelled) AS n, COUNT(*) AS c FROM expulsions_expulsion WHERE ")
                        .add(view.rows())
                        .add(" AND ")
                        .add(pair(by, against))
                        .add(" GROUP BY EXTRACT(YEAR FROM effective_date)");
        // The years as a recursive CTE: standard SQL that H2 and PostgreSQL both run (no SYSTEM_RANGE, no
        // generate_series).
        Sql query = Sql.of(
                        "WITH RECURSIVE r(x) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT x + 1 FROM r WHERE x < ?) ",
                        from,
                        to)
                .add("SELECT * FROM (SELECT r.x AS yr, COALESCE(a.n, 0) AS a_to_b, COALESCE(b.n, 0) AS b_to_a, "
                        + "COALESCE(a.n, 0) - COALESCE(b.n, 0) AS balance, COALESCE(a.c, 0) AS by_a, COALESCE(b.c, 0) AS by_b "
                        + "FROM r LEFT JOIN (")
                .add(side.apply(continuedA, continuedB))
                .add(") a ON a.y = r.x LEFT JOIN (")
                .add(side.apply(continuedB, continuedA))
                .add(") b ON b.y = r.x) t")
                .add(page.sql());
        List<ExpulsionTrendRow> items = jdbc.query(
                query,
                (rs, i) -> new ExpulsionTrendRow(
                        rs.getInt("yr"),
                        a.value(),
                        b.value(),
                        rs.getInt("a_to_b"),
                        rs.getInt("b_to_a"),
                        rs.getInt("balance"),
                        rs.getInt("by_a"),
                        rs.getInt("by_b"),
                        asThen(continuedA, continuedB, rs.getInt("yr"))));
        return new Page<>(items, page.page(), page.size(), to - from + 1, view.position());
    }

    /** The expulsions {@code by} declared against {@code against}, each state the code answering on the day. */
    private static Sql pair(ContinuedStates by, ContinuedStates against) {
        return by.on("declared_by", "effective_date").add(" AND ").add(against.on("against", "effective_date"));
    }

    /** The predecessor answering on the year's first day for the first state, else the second; null for neither. */
    private static StateAsThenView asThen(ContinuedStates a, ContinuedStates b, int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        return a.asThen(first)
                .or(() -> b.asThen(first))
                .map(StateAsThenView::of)
                .orElse(null);
    }
}
